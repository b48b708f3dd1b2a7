package dev.keysmith.batch;

import java.util.UUID;

import dev.keysmith.vault.KeyVault;

/**
 * One device of a batch as stored: what was asked for, how far it got, and why it
 * stopped. A worker holds it under a lease while it moves it on, and stores it after each
 * stage.
 */
final class BatchItem {

	UUID id;

	UUID batchId;

	int line;

	String name;

	String label;

	String profileId;

	String certificatePem;

	KeyVault.Sealed sealedKey;

	ItemState state;

	/**
	 * The last state reached by a stage done (FAILED and SKIPPED keep the one before).
	 */
	ItemState doneState;

	boolean pending;

	Stage stage;

	String cause;

	boolean retryable;

	String detail;

	int attempts;

	UUID deviceId;

	String thingsBoardDeviceId;

	UUID runId;

	Long issueMillis;

	Long pushMillis;

	Long verifyMillis;

	/** The device's certificate signing request, for a device that keeps its key. */
	String csrPem;

	/** The new certificate of a renewal, once prepared. */
	UUID credentialId;

	Long renewMillis;

	/**
	 * Keysmith's key context of a sealed CSV key: bound to this item, so that it opens
	 * nowhere else.
	 */
	String keyContext() {
		return "batch-item:" + this.id;
	}

	ItemView view() {
		return new ItemView(this.line, this.name, this.state, this.stage, this.cause, this.detail, this.deviceId,
				this.thingsBoardDeviceId, this.runId, this.credentialId, this.attempts);
	}

}

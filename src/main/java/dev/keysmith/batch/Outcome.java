package dev.keysmith.batch;

import java.util.UUID;

/**
 * How one stage of one item ended.
 *
 * @param kind done, skipped or failed
 * @param cause the failure's code (or why it was skipped)
 * @param retryable whether the same stage may well pass a little later
 * @param limited whether ThingsBoard limited or failed the request (429, 5xx): the rate
 * goes down
 * @param deviceId the Keysmith device, once known
 * @param thingsBoardDeviceId the device on ThingsBoard, once known
 * @param runId the verification run (or a renewal's lifecycle run), once started
 * @param credentialId a renewal's new certificate, once prepared
 */
record Outcome(Kind kind, String cause, boolean retryable, boolean limited, String detail, UUID deviceId,
		String thingsBoardDeviceId, UUID runId, UUID credentialId) {

	enum Kind {

		DONE, SKIPPED, FAILED

	}

	static Outcome done() {
		return new Outcome(Kind.DONE, null, false, false, null, null, null, null, null);
	}

	static Outcome issued(UUID deviceId, String detail) {
		return new Outcome(Kind.DONE, null, false, false, detail, deviceId, null, null, null);
	}

	static Outcome pushed(String thingsBoardDeviceId) {
		return new Outcome(Kind.DONE, null, false, false, null, null, thingsBoardDeviceId, null, null);
	}

	static Outcome verified(UUID runId) {
		return new Outcome(Kind.DONE, null, false, false, null, null, null, runId, null);
	}

	/**
	 * A renewal run to its end: the new certificate prepared (and activated, when asked).
	 */
	static Outcome renewed(UUID runId, UUID credentialId, String detail) {
		return new Outcome(Kind.DONE, null, false, false, detail, null, null, runId, credentialId);
	}

	static Outcome skipped(String cause, UUID deviceId, String detail) {
		return new Outcome(Kind.SKIPPED, cause, false, false, detail, deviceId, null, null, null);
	}

	static Outcome failed(String cause, boolean retryable, String detail) {
		return new Outcome(Kind.FAILED, cause, retryable, false, detail, null, null, null, null);
	}

	/**
	 * A failure because ThingsBoard limited or failed the request: worth retrying, and
	 * slower.
	 */
	static Outcome limited(String cause, String detail) {
		return new Outcome(Kind.FAILED, cause, true, true, detail, null, null, null, null);
	}

	Outcome withRun(UUID run) {
		return withRenewal(run, this.credentialId);
	}

	/** A renewal's failure, with its run and the new certificate it left. */
	Outcome withRenewal(UUID run, UUID credential) {
		return new Outcome(this.kind, this.cause, this.retryable, this.limited, this.detail, this.deviceId,
				this.thingsBoardDeviceId, run, credential);
	}

}

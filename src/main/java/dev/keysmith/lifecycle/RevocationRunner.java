package dev.keysmith.lifecycle;

import java.security.SecureRandom;
import java.util.List;

import dev.keysmith.device.DeviceCredential;
import dev.keysmith.device.DeviceCredentials;
import dev.keysmith.thingsboard.client.ThingsBoardClient;
import dev.keysmith.thingsboard.client.ThingsBoardException;
import dev.keysmith.thingsboard.client.dto.TbCredentials;
import dev.keysmith.verify.RunStatus;

/**
 * Revokes a device's certificate: ThingsBoard's credentials become a fresh access token,
 * or its device is deleted; that is read back, recorded (REVOKED), and proven by a
 * connection with the certificate from a new address that must get 4.01. The private key
 * is destroyed afterwards when asked, once the refusal is proven.
 */
final class RevocationRunner {

	static final int CHANGE = 0;

	static final int READ_BACK = 1;

	static final int RECORD = 2;

	static final int PROVE = 3;

	static final int DESTROY_KEY = 4;

	private static final char[] TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final LifecycleView run;

	private final LifecycleRecorder recorder;

	private final DeviceCredentials credentials;

	private final Proofs proofs;

	private final ThingsBoardClient client;

	private final String thingsBoardDeviceId;

	/**
	 * The typed confirmation of a key destruction, or {@code null} when none is asked
	 * for.
	 */
	private final String destroyKeyConfirmation;

	RevocationRunner(LifecycleView run, LifecycleRecorder recorder, DeviceCredentials credentials, Proofs proofs,
			ThingsBoardClient client, String thingsBoardDeviceId, String destroyKeyConfirmation) {
		this.run = run;
		this.recorder = recorder;
		this.credentials = credentials;
		this.proofs = proofs;
		this.client = client;
		this.thingsBoardDeviceId = thingsBoardDeviceId;
		this.destroyKeyConfirmation = destroyKeyConfirmation;
	}

	static List<String> steps(RevocationMode mode) {
		return List.of(mode.change(), mode.readBack(), "Record the certificate as revoked",
				"Prove the certificate is refused from a new address", "Destroy the private key");
	}

	LifecycleView revoke(RevocationMode mode) {
		DeviceCredential revoked = this.credentials.get(this.run.deviceId(), this.run.certificateId());
		this.recorder.start(CHANGE, mode.change() + " (ThingsBoard device " + this.thingsBoardDeviceId + ")");
		try {
			change(mode, revoked);
		}
		catch (ReadBackFailure ex) {
			this.recorder.fail(READ_BACK, ex.getMessage(), null);
			this.recorder.skipPending("Not run: the change could not be read back.");
			return this.recorder.finish(RunStatus.FAILED, LifecycleCause.REVOCATION_FAILED,
					"ThingsBoard answered the change, but reading it back shows otherwise: " + ex.getMessage()
							+ ". Nothing changed in Keysmith.",
					null);
		}
		catch (ThingsBoardException ex) {
			this.recorder.failRunning("ThingsBoard refused or did not answer: " + ex.getMessage(),
					"REST: " + ex.getServerMessage());
			this.recorder.skipPending("Not run: the change failed.");
			return this.recorder
				.finish(RunStatus.FAILED, LifecycleCause.REVOCATION_FAILED, "ThingsBoard did not take the change ("
						+ ex.getMessage()
						+ "): the certificate is still the device's credentials there. Nothing changed in Keysmith.",
						null);
		}
		this.recorder.start(RECORD, "Recording certificate " + revoked.getSerialNumber() + " as REVOKED");
		this.credentials.revoke(this.run.deviceId(), mode == RevocationMode.DELETE_DEVICE, this.run.startedBy(),
				"certificate " + revoked.getSerialNumber() + ": " + mode.change().toLowerCase() + " (run "
						+ this.run.id() + ")");
		this.recorder.pass(RECORD, "Certificate " + revoked.getSerialNumber() + " is REVOKED", null);
		this.recorder.start(PROVE, "Connecting with the revoked certificate from a new local port");
		Proofs.Proof proof = this.proofs.connect(this.run.deviceId(), revoked, this.run.serverId(),
				this.run.startedBy());
		if (proof.outcome() != Proofs.Outcome.REFUSED) {
			this.recorder.fail(PROVE, proof.detail(), proof.evidence());
			this.recorder.skip(DESTROY_KEY,
					(this.destroyKeyConfirmation != null)
							? "Not done: the refusal was not proven. Destroy the key from the device page once it is."
							: "Not asked for.");
			boolean accepted = proof.outcome() == Proofs.Outcome.ACCEPTED;
			return this.recorder.finish(RunStatus.FAILED,
					accepted ? LifecycleCause.STILL_ACCEPTED : LifecycleCause.NOT_PROVEN,
					"ThingsBoard no longer holds the certificate, but "
							+ (accepted ? "a connection with it from a new address was still accepted: "
									: "its refusal could not be shown: ")
							+ proof.detail(),
					Caveat.afterRevocation());
		}
		this.recorder.pass(PROVE, proof.detail(), proof.evidence());
		String destroyed = destroyKey(revoked);
		return this.recorder.finish(RunStatus.PASSED, null, "Certificate " + revoked.getSerialNumber() + " of '"
				+ this.run.deviceName() + "' is revoked on " + this.run.serverName() + ": ThingsBoard "
				+ ((mode == RevocationMode.ACCESS_TOKEN) ? "holds an access token instead" : "no longer has the device")
				+ ", and a connection with the certificate from a new address is refused." + destroyed,
				Caveat.afterRevocation());
	}

	private void change(RevocationMode mode, DeviceCredential revoked) {
		if (mode == RevocationMode.ACCESS_TOKEN) {
			TbCredentials current = this.client.credentials(this.thingsBoardDeviceId);
			// the token itself is a secret nobody needs: it is neither shown nor kept
			this.client.updateCredentials(current.withAccessToken(token()));
			this.recorder.pass(CHANGE, "The credentials are a fresh random access token now", null);
			this.recorder.start(READ_BACK, "Reading the credentials back");
			TbCredentials stored = this.client.credentials(this.thingsBoardDeviceId);
			if (!TbCredentials.ACCESS_TOKEN.equals(stored.credentialsType())
					|| stored.holdCertificate(revoked.getCredentialsId())) {
				throw new ReadBackFailure("ThingsBoard still holds credentials of type " + stored.credentialsType()
						+ " with credentialsId " + stored.credentialsId());
			}
			this.recorder.pass(READ_BACK, "ThingsBoard holds access token credentials, not the certificate",
					"credentialsType " + stored.credentialsType());
			return;
		}
		try {
			this.client.deleteDevice(this.thingsBoardDeviceId);
		}
		catch (ThingsBoardException ex) {
			if (!ex.isNotFound()) {
				throw ex;
			}
		}
		this.recorder.pass(CHANGE, "ThingsBoard device " + this.thingsBoardDeviceId + " deleted", null);
		this.recorder.start(READ_BACK, "Asking for the device's credentials");
		try {
			this.client.credentials(this.thingsBoardDeviceId);
			throw new ReadBackFailure("ThingsBoard still has device " + this.thingsBoardDeviceId);
		}
		catch (ThingsBoardException ex) {
			if (!ex.isNotFound()) {
				throw ex;
			}
		}
		this.recorder.pass(READ_BACK, "ThingsBoard answers 404: the device is gone", null);
	}

	private String destroyKey(DeviceCredential revoked) {
		if (this.destroyKeyConfirmation == null) {
			this.recorder.skip(DESTROY_KEY, "Not asked for: the key stays sealed in Keysmith.");
			return "";
		}
		this.recorder.start(DESTROY_KEY, "Overwriting the private key in the store");
		String done = this.credentials.destroyKey(this.run.deviceId(), revoked.getId(), this.destroyKeyConfirmation,
				this.run.startedBy());
		this.recorder.pass(DESTROY_KEY, capitalise(done) + ". This cannot be undone.", null);
		return " Its " + done + ".";
	}

	private static String token() {
		char[] token = new char[20];
		for (int i = 0; i < token.length; i++) {
			token[i] = TOKEN_ALPHABET[RANDOM.nextInt(TOKEN_ALPHABET.length)];
		}
		return new String(token);
	}

	private static String capitalise(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/** ThingsBoard took the change, but reading it back shows otherwise. */
	private static final class ReadBackFailure extends RuntimeException {

		ReadBackFailure(String message) {
			super(message);
		}

	}

}

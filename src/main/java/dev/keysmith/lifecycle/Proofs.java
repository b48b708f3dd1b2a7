package dev.keysmith.lifecycle;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.keysmith.device.DeviceCredential;
import dev.keysmith.verify.Cause;
import dev.keysmith.verify.Depth;
import dev.keysmith.verify.RunStatus;
import dev.keysmith.verify.RunView;
import dev.keysmith.verify.VerificationService;
import dev.keysmith.work.BusyException;

/**
 * Connects with one certificate, as the device, from a new local port (every verification
 * run opens one), and says what ThingsBoard answered: a lifecycle run's proof that a
 * certificate works, or is refused.
 */
final class Proofs {

	/** How long a proof waits for a free place to run its verification. */
	static final Duration PLACE_WAIT = Duration.ofSeconds(60);

	/**
	 * How long a proof waits for the verdict: far beyond a light run's own deadlines.
	 */
	static final Duration VERDICT_WAIT = Duration.ofMinutes(5);

	/** The causes that mean ThingsBoard answered 4.01 Unauthorized to the telemetry. */
	private static final Set<Cause> UNAUTHORIZED = Set.of(Cause.NOT_REGISTERED, Cause.OTHER_CREDENTIALS,
			Cause.UNAUTHORIZED, Cause.STALE_SESSION);

	private final VerificationService verifications;

	private final Depth depth;

	Proofs(VerificationService verifications, Depth depth) {
		this.verifications = verifications;
		this.depth = depth;
	}

	Proof connect(UUID deviceId, DeviceCredential credential, UUID serverId, String actor) {
		if (!credential.hasPrivateKey()) {
			return new Proof(Outcome.NOT_RUN, null, "Keysmith holds no private key of certificate "
					+ credential.getSerialNumber() + ": it cannot connect with it");
		}
		RunView run;
		try {
			run = this.verifications
				.verifyCredential(deviceId, credential.getId(), serverId, actor, PLACE_WAIT, this.depth)
				.verdict()
				.get(VERDICT_WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (BusyException ex) {
			return new Proof(Outcome.NOT_RUN, null, ex.getMessage());
		}
		catch (RuntimeException ex) {
			// e.g. a stored key that does not open: no connection was made
			return new Proof(Outcome.NOT_RUN, null, "No connection was made: " + ex.getMessage());
		}
		catch (TimeoutException ex) {
			return new Proof(Outcome.NOT_RUN, null,
					"The verification gave no verdict within " + VERDICT_WAIT.toMinutes() + " minutes");
		}
		catch (ExecutionException ex) {
			return new Proof(Outcome.NOT_RUN, null, "The verification failed: " + ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Proof(Outcome.NOT_RUN, null, "Interrupted while waiting for the verification");
		}
		if (run.status() == RunStatus.PASSED) {
			return new Proof(Outcome.ACCEPTED, run, "Accepted from a new address: " + run.diagnosis());
		}
		if (UNAUTHORIZED.contains(run.cause())) {
			return new Proof(Outcome.REFUSED, run, "Refused from a new address (4.01): " + run.diagnosis());
		}
		if (run.cause() == Cause.CERT_EXPIRED) {
			return new Proof(Outcome.REFUSED, run,
					"Refused from a new address: the certificate has expired, so the handshake ends with "
							+ "BAD_CERTIFICATE. " + run.diagnosis());
		}
		return new Proof(Outcome.FAILED, run, "The verification failed (" + run.cause() + "): " + run.diagnosis());
	}

	enum Outcome {

		/** The certificate connected and its telemetry was stored. */
		ACCEPTED,

		/**
		 * ThingsBoard answered 4.01 to the certificate, or refused it in the handshake as
		 * expired.
		 */
		REFUSED,

		/** Something else failed on the way (handshake, server error, read-back). */
		FAILED,

		/** No connection was tried (no key, Keysmith busy). */
		NOT_RUN

	}

	/**
	 * @param run the verification run that is the evidence, or {@code null} when none ran
	 */
	record Proof(Outcome outcome, RunView run, String detail) {

		String evidence() {
			return (this.run != null) ? "verification run " + this.run.id() + ": " + this.run.status()
					+ ((this.run.cause() != null) ? " (" + this.run.cause() + ")" : "") : null;
		}

	}

}

package dev.keysmith.lifecycle;

import dev.keysmith.device.DeviceAudit;
import dev.keysmith.device.DeviceCredential;
import dev.keysmith.device.DeviceCredentials;
import dev.keysmith.push.PushException;
import dev.keysmith.push.PushResult;
import dev.keysmith.push.PushService;
import dev.keysmith.verify.RunStatus;

/**
 * Activates a new credential, test-then-commit: push it to the same ThingsBoard device
 * (proven by read-back), verify it from a new address, check the old one is refused from
 * a new address, then commit (new ACTIVE, old RETIRED). On a failure of the push or of
 * the verification, it rolls back: the old certificate goes back into ThingsBoard, proven
 * by read-back and by a verification with it, and the new credential becomes FAILED with
 * its cause. If the rollback fails too, the operator is told which certificate
 * ThingsBoard holds; both stay downloadable.
 */
final class RenewalRunner {

	static final int PREPARE = 0;

	static final int PUSH = 1;

	static final int VERIFY_NEW = 2;

	static final int OLD_REFUSED = 3;

	static final int COMMIT = 4;

	static final int ROLLBACK = 5;

	static final int VERIFY_OLD = 6;

	static final java.util.List<String> STEPS = java.util.List.of("Prepare the new certificate",
			"Push the new certificate to ThingsBoard", "Verify the new certificate from a new address",
			"Check the old certificate is refused from a new address", "Commit: the new certificate becomes active",
			"Roll back: put the old certificate back", "Verify the old certificate from a new address");

	private final LifecycleView run;

	private final LifecycleRecorder recorder;

	private final DeviceCredentials credentials;

	private final PushService push;

	private final Proofs proofs;

	private final TbCredentialsReader holder;

	RenewalRunner(LifecycleView run, LifecycleRecorder recorder, DeviceCredentials credentials, PushService push,
			Proofs proofs, TbCredentialsReader holder) {
		this.run = run;
		this.recorder = recorder;
		this.credentials = credentials;
		this.push = push;
		this.proofs = proofs;
		this.holder = holder;
	}

	LifecycleView activate() {
		DeviceCredential next = this.credentials.get(this.run.deviceId(), this.run.certificateId());
		DeviceCredential old = this.credentials.get(this.run.deviceId(), this.run.previousCertificateId());
		this.recorder.start(PUSH,
				"Replacing the credentials of the ThingsBoard device by certificate " + next.getSerialNumber());
		try {
			PushResult pushed = this.push.replace(this.run.deviceId(), next.getId(), this.run.startedBy());
			this.recorder.pass(PUSH,
					"ThingsBoard device " + pushed.thingsboardDeviceId() + " holds certificate "
							+ next.getSerialNumber() + ": its credentialsId read back is " + pushed.credentialsId(),
					null);
			this.recorder.audit(DeviceAudit.Action.CREDENTIALS_REPLACED,
					"certificate " + next.getSerialNumber() + " pushed, credentialsId read back");
		}
		catch (PushException ex) {
			this.recorder.fail(PUSH, ex.getMessage(), "push failure: " + ex.getFailure());
			return rollBack(next, old, LifecycleCause.PUSH_FAILED, "The new certificate could not be pushed ("
					+ ex.getFailure().summary() + " " + ex.getMessage() + ")");
		}
		this.recorder.start(VERIFY_NEW, "Connecting with the new certificate from a new local port");
		Proofs.Proof proof = this.proofs.connect(this.run.deviceId(), next, this.run.serverId(), this.run.startedBy());
		if (proof.outcome() != Proofs.Outcome.ACCEPTED) {
			this.recorder.fail(VERIFY_NEW, proof.detail(), proof.evidence());
			return rollBack(next, old, LifecycleCause.VERIFICATION_FAILED,
					"The new certificate did not verify from a new address: " + proof.detail());
		}
		this.recorder.pass(VERIFY_NEW, proof.detail(), proof.evidence());
		String oldWarning = checkOldRefused(old);
		this.recorder.start(COMMIT, "Recording the new certificate as active, the old one as retired");
		this.credentials.activate(this.run.deviceId(), next.getId(), this.run.startedBy(), "certificate "
				+ next.getSerialNumber() + " replaces " + old.getSerialNumber() + " (run " + this.run.id() + ")");
		this.recorder.pass(COMMIT,
				"Certificate " + next.getSerialNumber() + " is ACTIVE; " + old.getSerialNumber() + " is RETIRED", null);
		this.recorder.skipPending("Not needed: the new certificate works.");
		return this.recorder.finish(RunStatus.PASSED, null,
				"'" + this.run.deviceName() + "' now uses certificate " + next.getSerialNumber() + " on "
						+ this.run.serverName() + ": it was pushed, read back and verified from a new address."
						+ oldWarning,
				Caveat.afterActivation());
	}

	/**
	 * @return a warning for the verdict when the old one was not shown refused
	 */
	private String checkOldRefused(DeviceCredential old) {
		this.recorder.start(OLD_REFUSED, "Connecting with the old certificate from a new local port");
		Proofs.Proof proof = this.proofs.connect(this.run.deviceId(), old, this.run.serverId(), this.run.startedBy());
		if (proof.outcome() == Proofs.Outcome.REFUSED) {
			this.recorder.pass(OLD_REFUSED, proof.detail(), proof.evidence());
			return "";
		}
		if (proof.outcome() == Proofs.Outcome.NOT_RUN) {
			this.recorder.skip(OLD_REFUSED, proof.detail());
			return " Whether the old certificate is refused was not checked: " + proof.detail();
		}
		this.recorder.fail(OLD_REFUSED, proof.detail(), proof.evidence());
		return " But the old certificate was not shown refused from a new address: " + proof.detail();
	}

	private LifecycleView rollBack(DeviceCredential next, DeviceCredential old, LifecycleCause cause, String why) {
		this.recorder.skipIfPending(VERIFY_NEW, "Not run: the push failed.");
		this.recorder.skipIfPending(OLD_REFUSED, "Not run: the new certificate is not in use.");
		this.recorder.skipIfPending(COMMIT, "Not done: the activation failed.");
		this.recorder.start(ROLLBACK, "Putting certificate " + old.getSerialNumber() + " back into ThingsBoard");
		try {
			PushResult restored = this.push.replace(this.run.deviceId(), old.getId(), this.run.startedBy());
			this.recorder.pass(ROLLBACK,
					"ThingsBoard device " + restored.thingsboardDeviceId() + " holds the old certificate "
							+ old.getSerialNumber() + " again: credentialsId read back is " + restored.credentialsId(),
					null);
		}
		catch (PushException ex) {
			this.recorder.fail(ROLLBACK, ex.getMessage(), "push failure: " + ex.getFailure());
			this.recorder.skip(VERIFY_OLD, "Not run: the old certificate could not be put back.");
			return rollbackFailed(next, old, why, "putting the old certificate back failed: " + ex.getMessage());
		}
		this.recorder.start(VERIFY_OLD, "Connecting with the old certificate from a new local port");
		Proofs.Proof proof = this.proofs.connect(this.run.deviceId(), old, this.run.serverId(), this.run.startedBy());
		String proven = "proven by read-back and a verification from a new address";
		if (proof.outcome() == Proofs.Outcome.NOT_RUN) {
			this.recorder.skip(VERIFY_OLD, proof.detail());
			proven = "proven by read-back (no verification: " + proof.detail() + ")";
		}
		else if (proof.outcome() != Proofs.Outcome.ACCEPTED) {
			this.recorder.fail(VERIFY_OLD, proof.detail(), proof.evidence());
			return rollbackFailed(next, old, why, "the old certificate is back but did not verify: " + proof.detail());
		}
		else {
			this.recorder.pass(VERIFY_OLD, proof.detail(), proof.evidence());
		}
		String text = why + ". Rolled back: ThingsBoard holds the old certificate " + old.getSerialNumber() + " again, "
				+ proven + ".";
		this.credentials.fail(this.run.deviceId(), next.getId(), why, this.run.startedBy());
		this.recorder.audit(DeviceAudit.Action.ROLLED_BACK, "certificate " + old.getSerialNumber() + " back, " + proven
				+ "; certificate " + next.getSerialNumber() + " FAILED");
		return this.recorder.finish(RunStatus.FAILED, cause, text, null);
	}

	private LifecycleView rollbackFailed(DeviceCredential next, DeviceCredential old, String why, String problem) {
		String holds = this.holder.describe(this.run.serverId(), this.run.deviceId(), next, old);
		String text = why + ". The rollback failed too: " + problem + ". " + holds
				+ " Keysmith still records certificate " + old.getSerialNumber() + " as active and "
				+ next.getSerialNumber() + " as failed; both stay downloadable from the device page.";
		this.credentials.fail(this.run.deviceId(), next.getId(), why + "; rollback failed. " + holds,
				this.run.startedBy());
		this.recorder.audit(DeviceAudit.Action.ROLLBACK_FAILED, problem + ". " + holds);
		return this.recorder.finish(RunStatus.FAILED, LifecycleCause.ROLLBACK_FAILED, text, null);
	}

}

package dev.keysmith.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

import dev.keysmith.ca.CaRetiredException;
import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.device.CredentialState;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceCredential;
import dev.keysmith.device.DeviceNotFoundException;
import dev.keysmith.device.DeviceService;
import dev.keysmith.lifecycle.LifecycleCause;
import dev.keysmith.lifecycle.LifecycleService;
import dev.keysmith.lifecycle.LifecycleView;
import dev.keysmith.verify.RunStatus;
import dev.keysmith.work.BusyException;

import org.springframework.stereotype.Component;

/**
 * The renewal of one device of a renewal batch, as a lifecycle run on the worker's own
 * thread: the run's page, audit trail and proofs are those of a renewal started on the
 * device page. A certificate left waiting (PENDING, by an earlier prepare-only batch or a
 * try cut short; or FAILED by this item's earlier try) is activated rather than a second
 * one prepared, so that a try again never leaves the device with two new keys.
 */
@Component
class RenewStage {

	private final DeviceService devices;

	private final LifecycleService lifecycle;

	RenewStage(DeviceService devices, LifecycleService lifecycle) {
		this.devices = devices;
		this.lifecycle = lifecycle;
	}

	/**
	 * @param batchCreatedAt when the batch was made: a device renewed since, out of its
	 * window now, is left alone
	 * @param opened told of the run once it is stored, before it changes anything, so
	 * that the item records it first (a try after a crash then finds it)
	 */
	Outcome renew(BatchItem item, BatchOptions options, String actor, Instant batchCreatedAt,
			Consumer<LifecycleView> opened) {
		Device device;
		try {
			device = this.devices.get(item.deviceId);
		}
		catch (DeviceNotFoundException ex) {
			return Outcome.skipped("DEVICE_GONE", null, "The device was deleted from Keysmith since the batch began");
		}
		Optional<Outcome> done = doneByEarlierTry(device, item, options);
		if (done.isPresent()) {
			return done.get();
		}
		Optional<Outcome> left = leftAlone(device, options, batchCreatedAt);
		if (left.isPresent()) {
			return left.get();
		}
		Optional<DeviceCredential> waiting = waiting(device, item);
		if (waiting.isPresent() && !options.activate()) {
			DeviceCredential next = waiting.get();
			return Outcome.renewed(null, next.getId(), "Certificate " + next.getSerialNumber()
					+ " was waiting already (" + next.getState() + "): left as it is, no second one prepared");
		}
		if (waiting.isEmpty() && options.activate() && !options.inOneGo()) {
			return Outcome.skipped("NOTHING_PREPARED", device.getId(),
					"No new certificate was waiting to be activated: prepare one (a renewal batch without activate), "
							+ "put its key on the device, then activate it. Renewing and activating in one go is for "
							+ "devices not in the field yet");
		}
		try {
			LifecycleView run = waiting.isPresent()
					? this.lifecycle.activateHere(device.getId(), waiting.get().getId(), options.verify(), actor,
							opened)
					: this.lifecycle.renewHere(device.getId(), options.activate(), options.keepKey(),
							options.validityDays(), options.verify(), actor, opened);
			return outcome(run);
		}
		catch (BusyException ex) {
			return Outcome.failed("KEYSMITH_BUSY", true, ex.getMessage());
		}
		catch (CaRetiredException ex) {
			return Outcome.failed("CA_RETIRED", false, ex.getMessage());
		}
		catch (ConflictException ex) {
			// another run works on the device (an operator's, on its page): its end is
			// worth waiting for
			return Outcome.failed("RUN_GOING_ON", true, ex.getMessage());
		}
		catch (InvalidRequestException ex) {
			// no key to keep, or a key type Keysmith does not generate
			return Outcome.failed("CANNOT_RENEW", false, ex.getMessage());
		}
	}

	/**
	 * What an earlier try of this item did before its outcome was stored (Keysmith
	 * stopped, or the lease went elsewhere): its certificate is active, or prepared.
	 */
	private static Optional<Outcome> doneByEarlierTry(Device device, BatchItem item, BatchOptions options) {
		if (item.credentialId == null) {
			return Optional.empty();
		}
		return device.credentialHistory()
			.stream()
			.filter((c) -> c.getId().equals(item.credentialId))
			.filter((c) -> options.activate() ? c.isActive() : c.getState() == CredentialState.PENDING)
			.findFirst()
			.map((c) -> Outcome.renewed(item.runId, c.getId(), "Certificate " + c.getSerialNumber() + " is "
					+ c.getState() + ": done by an earlier try of this item"));
	}

	/** The devices a renewal leaves alone, and why. */
	private static Optional<Outcome> leftAlone(Device device, BatchOptions options, Instant batchCreatedAt) {
		if (device.isRevoked()) {
			return Optional.of(Outcome.skipped("REVOKED", device.getId(), "Its certificate was revoked"));
		}
		DeviceCredential active = device.activeCredential();
		if (!active.hasPrivateKey() && active.getOrigin().keyHolder().isPresent()) {
			return Optional.of(Outcome.skipped("KEY_NOT_HELD", device.getId(),
					"Its key is not in Keysmith (" + active.getOrigin().keyHolder().get() + "): Keysmith does not "
							+ "replace it with a key of its own. Renew it from a new CSR, or make a new key where it "
							+ "was made"));
		}
		if (options.expiresWithinDays() != null
				&& device.getNotAfter().isAfter(batchCreatedAt.plus(Duration.ofDays(options.expiresWithinDays())))) {
			return Optional.of(Outcome.skipped("NO_LONGER_EXPIRING", device.getId(),
					"Renewed since the batch began: its certificate ends on " + device.getNotAfter()));
		}
		if (options.activate() && device.placement().isEmpty()) {
			return Optional.of(Outcome.skipped("NOT_PUSHED", device.getId(),
					"Never pushed to ThingsBoard: there is nothing to activate. Push it, or renew it by hand"));
		}
		return Optional.empty();
	}

	/**
	 * The new certificate waiting for the device: this item's from an earlier try (unless
	 * it went ACTIVE or elsewhere since), else the device's PENDING one.
	 */
	private static Optional<DeviceCredential> waiting(Device device, BatchItem item) {
		return device.credentialHistory()
			.stream()
			.filter((c) -> c.getState() == CredentialState.PENDING
					|| (c.getState() == CredentialState.FAILED && c.getId().equals(item.credentialId)))
			.findFirst();
	}

	private static Outcome outcome(LifecycleView run) {
		if (run.status() == RunStatus.PASSED) {
			return Outcome.renewed(run.id(), run.certificateId(), run.diagnosis());
		}
		LifecycleCause cause = (run.cause() != null) ? run.cause() : LifecycleCause.KEYSMITH_ERROR;
		Outcome failed = switch (cause) {
			// nothing changed in ThingsBoard, or the old certificate is back: safe to try
			// again
			case PUSH_FAILED, BUSY -> Outcome.failed(cause.name(), true, run.diagnosis());
			// the new certificate did not work, ThingsBoard may hold either one, or
			// Keysmith stopped half-way: the operator looks first
			default -> Outcome.failed(cause.name(), false, run.diagnosis());
		};
		return failed.withRenewal(run.id(), run.certificateId());
	}

}

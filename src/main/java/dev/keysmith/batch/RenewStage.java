package dev.keysmith.batch;

import java.util.Optional;

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

	Outcome renew(BatchItem item, BatchOptions options, String actor) {
		Device device;
		try {
			device = this.devices.get(item.deviceId);
		}
		catch (DeviceNotFoundException ex) {
			return Outcome.skipped("DEVICE_GONE", null, "The device was deleted from Keysmith since the batch began");
		}
		if (device.isRevoked()) {
			return Outcome.skipped("REVOKED", device.getId(), "Its certificate was revoked: nothing to renew");
		}
		if (options.activate() && device.placement().isEmpty()) {
			return Outcome.skipped("NOT_PUSHED", device.getId(),
					"Never pushed to ThingsBoard: there is nothing to activate. Push it, or renew it by hand");
		}
		Optional<DeviceCredential> waiting = waiting(device, item);
		try {
			if (waiting.isPresent() && !options.activate()) {
				DeviceCredential next = waiting.get();
				return Outcome.renewed(null, next.getId(), "Certificate " + next.getSerialNumber()
						+ " was waiting already (" + next.getState() + "): left as it is, no second one prepared");
			}
			LifecycleView run = waiting.isPresent()
					? this.lifecycle.activateHere(device.getId(), waiting.get().getId(), options.verify(), actor)
					: this.lifecycle.renewHere(device.getId(), options.activate(), options.keepKey(),
							options.validityDays(), options.verify(), actor);
			return outcome(run);
		}
		catch (BusyException ex) {
			return Outcome.failed("KEYSMITH_BUSY", true, ex.getMessage());
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
			case PUSH_FAILED, BUSY, INTERRUPTED, KEYSMITH_ERROR -> Outcome.failed(cause.name(), true, run.diagnosis());
			// the new certificate did not work, or ThingsBoard holds an unknown one: the
			// operator looks first
			default -> Outcome.failed(cause.name(), false, run.diagnosis());
		};
		return failed.withRenewal(run.id(), run.certificateId());
	}

}

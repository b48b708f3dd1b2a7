package dev.keysmith.device;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.keysmith.audit.AuditLog;
import dev.keysmith.audit.AuditObject;

import org.springframework.stereotype.Component;

/**
 * A device's audit trail in the one audit log: each line an entry about the device, named
 * by its id and its name at the time.
 */
@Component
class DeviceTrail {

	private final AuditLog audit;

	DeviceTrail(AuditLog audit) {
		this.audit = audit;
	}

	/**
	 * Records what was done to the device: the last step of the caller's transaction, if
	 * there is one.
	 */
	void record(Device device, DeviceAudit.Action action, String actor, String detail) {
		this.audit.record(actor, action.name(),
				new AuditObject(DeviceAudit.OBJECT_TYPE, device.getId().toString(), device.getName()), detail);
	}

	/** The device's trail, newest first, after its deletion too. */
	List<DeviceAudit> of(UUID deviceId) {
		return this.audit.trail(DeviceAudit.OBJECT_TYPE, deviceId.toString())
			.stream()
			.map(DeviceAudit::of)
			.flatMap(Optional::stream)
			.toList();
	}

}

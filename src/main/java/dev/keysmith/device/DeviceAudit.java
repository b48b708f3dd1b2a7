package dev.keysmith.device;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.keysmith.audit.AuditEvent;

/**
 * One line of a device's audit trail: an entry of the audit log about the device (object
 * type {@code device}, its id, its name), so kept when the device is deleted, and who
 * exported which private key stays on record.
 */
public final class DeviceAudit {

	/** The audit log's object type for a device. */
	static final String OBJECT_TYPE = "device";

	private final UUID deviceId;

	private final String deviceName;

	private final Action action;

	private final String actor;

	private final Instant at;

	private final String detail;

	private DeviceAudit(UUID deviceId, String deviceName, Action action, String actor, Instant at, String detail) {
		this.deviceId = deviceId;
		this.deviceName = deviceName;
		this.action = action;
		this.actor = actor;
		this.at = at;
		this.detail = detail;
	}

	/** The line of an audit entry about a device, if its action is one of the trail's. */
	static Optional<DeviceAudit> of(AuditEvent event) {
		for (Action action : Action.values()) {
			if (action.name().equals(event.getAction())) {
				return Optional.of(new DeviceAudit(UUID.fromString(event.getObjectId()), event.getObjectName(), action,
						event.getActor(), event.getOccurredAt(), event.getDetail()));
			}
		}
		return Optional.empty();
	}

	public UUID getDeviceId() {
		return this.deviceId;
	}

	public String getDeviceName() {
		return this.deviceName;
	}

	public Action getAction() {
		return this.action;
	}

	public String getActor() {
		return this.actor;
	}

	public Instant getAt() {
		return this.at;
	}

	public String getDetail() {
		return this.detail;
	}

	/** What was done to a device: the audit log's action names for devices. */
	public enum Action {

		CREATED("created"), IMPORTED("imported"), PRIVATE_KEY_EXPORTED("exported the private key"),
		BUNDLE_EXPORTED("exported the bundle with the private key"), PUSHED("pushed the certificate to ThingsBoard"),
		VERIFIED("verified the connection"), DELETED("deleted"), RENEWAL_PREPARED("prepared a new certificate"),
		CREDENTIALS_REPLACED("replaced the certificate in ThingsBoard"), ACTIVATED("activated a new certificate"),
		ACTIVATION_FAILED("failed to activate a new certificate"),
		ROLLED_BACK("put the previous certificate back in ThingsBoard"),
		ROLLBACK_FAILED("failed to put the previous certificate back"), REVOKED("revoked the certificate"),
		KEY_DESTROYED("destroyed a private key");

		private final String description;

		Action(String description) {
			this.description = description;
		}

		public String description() {
			return this.description;
		}

		/** Whether this action let a private key leave Keysmith. */
		public boolean isKeyExport() {
			return this == PRIVATE_KEY_EXPORTED || this == BUNDLE_EXPORTED;
		}

	}

}

package dev.keysmith.device;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One line of a device's audit trail. Kept when the device is deleted, so that who
 * exported which private key stays on record.
 */
@Entity
@Table(name = "device_audit")
public class DeviceAudit {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private UUID deviceId;

	private String deviceName;

	@Enumerated(EnumType.STRING)
	private Action action;

	private String actor;

	@Column(name = "occurred_at")
	private Instant at;

	@Column(length = 1024)
	private String detail;

	protected DeviceAudit() {
	}

	DeviceAudit(Device device, Action action, String actor, Instant at, String detail) {
		this.deviceId = device.getId();
		this.deviceName = device.getName();
		this.action = action;
		this.actor = actor;
		this.at = at;
		this.detail = detail;
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

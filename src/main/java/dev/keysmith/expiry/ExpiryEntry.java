package dev.keysmith.expiry;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A certificate (a device credential) entered an expiry window: found by the scan at
 * {@code enteredAt}, and told to the webhook at {@code notifiedAt} (null until then). The
 * device is named as it was: the record outlives the device. While an instance sends it,
 * the entry is claimed by that round until {@code claimedUntil}.
 */
@Entity
@Table(name = "expiry_entry")
class ExpiryEntry {

	static final int DEVICE_NAME_LENGTH = 255;

	@Id
	private UUID id;

	private UUID credentialId;

	private UUID deviceId;

	@Column(length = DEVICE_NAME_LENGTH)
	private String deviceName;

	private UUID serverId;

	@Enumerated(EnumType.STRING)
	@Column(name = "expiry_window", length = 16)
	private ExpiryWindow window;

	private Instant notAfter;

	private Instant enteredAt;

	private Instant notifiedAt;

	private UUID claimToken;

	private Instant claimedUntil;

	protected ExpiryEntry() {
	}

	ExpiryEntry(UUID credentialId, UUID deviceId, String deviceName, UUID serverId, ExpiryWindow window,
			Instant notAfter, Instant enteredAt) {
		this.id = UUID.randomUUID();
		this.credentialId = credentialId;
		this.deviceId = deviceId;
		this.deviceName = deviceName;
		this.serverId = serverId;
		this.window = window;
		this.notAfter = notAfter;
		this.enteredAt = enteredAt;
	}

	UUID getId() {
		return this.id;
	}

	UUID getCredentialId() {
		return this.credentialId;
	}

	UUID getDeviceId() {
		return this.deviceId;
	}

	String getDeviceName() {
		return this.deviceName;
	}

	UUID getServerId() {
		return this.serverId;
	}

	ExpiryWindow getWindow() {
		return this.window;
	}

	Instant getNotAfter() {
		return this.notAfter;
	}

	Instant getEnteredAt() {
		return this.enteredAt;
	}

	Instant getNotifiedAt() {
		return this.notifiedAt;
	}

}

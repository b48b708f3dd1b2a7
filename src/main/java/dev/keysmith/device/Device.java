package dev.keysmith.device;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.keysmith.pki.KeyType;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;

/**
 * A device as Keysmith knows it: its identity (name, when and by whom it was made), its
 * place in ThingsBoard, and its credentials over time ({@link DeviceCredential}), exactly
 * one of them ACTIVE. The certificate facts read here are the active credential's.
 */
@Entity
@Table(name = "device")
public class Device {

	// the lengths of the columns fed from input, as the migrations create them
	static final int NAME_LENGTH = 255;

	static final int NAME_KEY_LENGTH = 1024;

	/**
	 * Credentials are loaded for this many devices of a list at once, not with one query
	 * per device.
	 */
	private static final int CREDENTIALS_BATCH = 50;

	@Id
	private UUID id;

	@Column(length = NAME_LENGTH)
	private String name;

	/**
	 * What the name looks like to people: names with the same key are look-alikes
	 * ({@link LookAlikes}).
	 */
	@Column(length = NAME_KEY_LENGTH)
	private String nameKey;

	@OneToMany(mappedBy = "device", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
	@BatchSize(size = CREDENTIALS_BATCH)
	private List<DeviceCredential> credentials = new ArrayList<>();

	private Instant createdAt;

	@Column(length = 255)
	private String createdBy;

	private UUID tbServerId;

	@Column(length = 64)
	private String tbDeviceId;

	private Instant tbPushedAt;

	@Version
	private long version;

	protected Device() {
	}

	/**
	 * A new device whose first credential, ACTIVE from {@code now}, holds this
	 * certificate.
	 */
	Device(String name, KeyType keyType, CredentialOrigin origin, X509Certificate certificate, String createdBy,
			Instant now) {
		this.id = UUID.randomUUID();
		this.name = name;
		this.nameKey = LookAlikes.key(name);
		this.createdAt = now;
		this.createdBy = createdBy;
		this.credentials.add(new DeviceCredential(this, keyType, origin, certificate, now));
	}

	/**
	 * The credential in use: the device's one ACTIVE credential, or once the device is
	 * revoked (it has none ACTIVE then) the one revoked last.
	 */
	public DeviceCredential activeCredential() {
		List<DeviceCredential> active = this.credentials.stream().filter(DeviceCredential::isActive).toList();
		if (active.size() == 1) {
			return active.get(0);
		}
		Optional<DeviceCredential> revoked = this.credentials.stream()
			.filter((c) -> c.getState() == CredentialState.REVOKED)
			.max(Comparator.comparing(DeviceCredential::getRevokedAt));
		if (active.isEmpty() && revoked.isPresent()) {
			return revoked.get();
		}
		throw new IllegalStateException(
				"Device " + this.id + " has " + active.size() + " active credentials instead of one");
	}

	/** Whether its certificate was revoked (it has no ACTIVE credential then). */
	public boolean isRevoked() {
		return activeCredential().getState() == CredentialState.REVOKED;
	}

	/** One of its credentials. */
	public Optional<DeviceCredential> credential(UUID credentialId) {
		return this.credentials.stream().filter((c) -> c.getId().equals(credentialId)).findFirst();
	}

	void addCredential(DeviceCredential credential) {
		this.credentials.add(credential);
	}

	/**
	 * Keysmith no longer knows it on any ThingsBoard server (its device there was
	 * deleted).
	 */
	void removedFromThingsBoard() {
		this.tbServerId = null;
		this.tbDeviceId = null;
		this.tbPushedAt = null;
	}

	/** Every credential the device has had, newest first. */
	public List<DeviceCredential> credentialHistory() {
		return this.credentials.stream()
			.sorted(Comparator.comparing(DeviceCredential::getCreatedAt)
				.thenComparing(DeviceCredential::getId)
				.reversed())
			.toList();
	}

	void pushedTo(UUID serverId, String thingsBoardDeviceId, Instant at) {
		this.tbServerId = serverId;
		this.tbDeviceId = thingsBoardDeviceId;
		this.tbPushedAt = at;
	}

	/** Where the certificate was last pushed, if anywhere. */
	public Optional<Placement> placement() {
		return (this.tbServerId != null) ? Optional.of(new Placement(this.tbServerId, this.tbDeviceId, this.tbPushedAt))
				: Optional.empty();
	}

	public UUID getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public String getCreatedBy() {
		return this.createdBy;
	}

	public boolean hasPrivateKey() {
		return activeCredential().hasPrivateKey();
	}

	/**
	 * Who holds the private key of the certificate in use: "key held by Keysmith", "key
	 * held by the operator" (made in the browser), "key held by the device" (a CSR's), or
	 * "key not held" (imported without it).
	 */
	public String keyCustody() {
		DeviceCredential active = activeCredential();
		if (active.hasPrivateKey()) {
			return "key held by Keysmith";
		}
		return active.getOrigin().keyHolder().orElse("key not held");
	}

	public KeyType getKeyType() {
		return activeCredential().getKeyType();
	}

	/**
	 * How the device came to Keysmith: generated or imported (its first credential's
	 * origin; a renewal's credentials are RENEWED).
	 */
	public CredentialOrigin getOrigin() {
		return this.credentials.stream()
			.min(Comparator.comparing(DeviceCredential::getCreatedAt).thenComparing(DeviceCredential::getId))
			.orElseThrow()
			.getOrigin();
	}

	public String getSubject() {
		return activeCredential().getSubject();
	}

	/**
	 * The serial number in hex, as {@code openssl x509 -serial} prints it (without
	 * leading zeros).
	 */
	public String getSerialNumber() {
		return activeCredential().getSerialNumber();
	}

	public Instant getNotBefore() {
		return activeCredential().getNotBefore();
	}

	public Instant getNotAfter() {
		return activeCredential().getNotAfter();
	}

	public String getSha256Fingerprint() {
		return activeCredential().getSha256Fingerprint();
	}

	public String getCredentialsId() {
		return activeCredential().getCredentialsId();
	}

	public String getCertificatePem() {
		return activeCredential().getCertificatePem();
	}

	/**
	 * Whole days from {@code now} to the active certificate's notAfter; negative once
	 * expired.
	 */
	public long daysLeft(Instant now) {
		return Duration.between(now, getNotAfter()).toDays();
	}

	/**
	 * The device's place in ThingsBoard: which server, its device id there, when pushed.
	 */
	public record Placement(UUID serverId, String deviceId, Instant pushedAt) {
	}

}

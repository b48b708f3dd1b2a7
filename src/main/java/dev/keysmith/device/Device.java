package dev.keysmith.device;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.vault.KeyVault;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A device's credential as Keysmith keeps it: the certificate in clear (it is public), the
 * private key sealed by the vault, and the certificate's facts denormalised for listing.
 */
@Entity
@Table(name = "device")
public class Device {

	@Id
	private UUID id;

	private String name;

	@Enumerated(EnumType.STRING)
	private KeyType keyType;

	@Enumerated(EnumType.STRING)
	private Origin origin;

	private String subject;

	private String serialNumber;

	private Instant notBefore;

	private Instant notAfter;

	private String sha256Fingerprint;

	private String credentialsId;

	private String certificatePem;

	private String sealedPrivateKey;

	private String vaultKeyId;

	private Instant createdAt;

	private String createdBy;

	private UUID tbServerId;

	private String tbDeviceId;

	private Instant tbPushedAt;

	@Version
	private long version;

	protected Device() {
	}

	Device(String name, KeyType keyType, Origin origin, X509Certificate certificate, String createdBy, Instant now) {
		this.id = UUID.randomUUID();
		this.name = name;
		this.keyType = keyType;
		this.origin = origin;
		this.subject = certificate.getSubjectX500Principal().getName();
		this.serialNumber = certificate.getSerialNumber().toString(16);
		this.notBefore = certificate.getNotBefore().toInstant();
		this.notAfter = certificate.getNotAfter().toInstant();
		this.sha256Fingerprint = Fingerprints.sha256(certificate);
		this.credentialsId = Fingerprints.thingsBoardCredentialsId(certificate);
		this.certificatePem = PemCodec.certificate(certificate);
		this.createdAt = now;
		this.createdBy = createdBy;
	}

	/** The vault context that binds a sealed key to this device's certificate. */
	String keyContext() {
		return "keysmith:device-key:" + this.sha256Fingerprint;
	}

	void holdPrivateKey(KeyVault.Sealed sealed) {
		this.sealedPrivateKey = sealed.ciphertext();
		this.vaultKeyId = sealed.keyId();
	}

	KeyVault.Sealed sealedPrivateKey() {
		return (this.sealedPrivateKey != null) ? new KeyVault.Sealed(this.vaultKeyId, this.sealedPrivateKey) : null;
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

	public boolean hasPrivateKey() {
		return this.sealedPrivateKey != null;
	}

	public UUID getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public KeyType getKeyType() {
		return this.keyType;
	}

	public Origin getOrigin() {
		return this.origin;
	}

	public String getSubject() {
		return this.subject;
	}

	/** The serial number in hex, as {@code openssl x509 -serial} prints it (without leading zeros). */
	public String getSerialNumber() {
		return this.serialNumber;
	}

	public Instant getNotBefore() {
		return this.notBefore;
	}

	public Instant getNotAfter() {
		return this.notAfter;
	}

	public String getSha256Fingerprint() {
		return this.sha256Fingerprint;
	}

	/** ThingsBoard's credentialsId for this certificate (SHA3-256, see the contract). */
	public String getCredentialsId() {
		return this.credentialsId;
	}

	public String getCertificatePem() {
		return this.certificatePem;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public String getCreatedBy() {
		return this.createdBy;
	}

	/** Whole days from {@code now} to notAfter; negative once expired. */
	public long daysLeft(Instant now) {
		return java.time.Duration.between(now, this.notAfter).toDays();
	}

	/** The device's place in ThingsBoard: which server, its device id there, when pushed. */
	public record Placement(UUID serverId, String deviceId, Instant pushedAt) {
	}

	public enum Origin {

		GENERATED, IMPORTED

	}

}

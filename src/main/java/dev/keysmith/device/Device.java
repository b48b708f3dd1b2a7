package dev.keysmith.device;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.keysmith.common.Columns;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.vault.KeyVault;
import jakarta.persistence.Column;
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

	// the lengths of the columns fed from input, as the migrations create them
	static final int NAME_LENGTH = 255;

	static final int SUBJECT_LENGTH = 1024;

	static final int SERIAL_NUMBER_LENGTH = 128;

	static final int CERTIFICATE_PEM_LENGTH = 65536;

	static final int NAME_KEY_LENGTH = 1024;

	@Id
	private UUID id;

	@Column(length = NAME_LENGTH)
	private String name;

	/** What the name looks like to people: names with the same key are look-alikes ({@link LookAlikes}). */
	@Column(length = NAME_KEY_LENGTH)
	private String nameKey;

	@Enumerated(EnumType.STRING)
	private KeyType keyType;

	@Enumerated(EnumType.STRING)
	private Origin origin;

	@Column(length = SUBJECT_LENGTH)
	private String subject;

	@Column(length = SERIAL_NUMBER_LENGTH)
	private String serialNumber;

	private Instant notBefore;

	private Instant notAfter;

	@Column(length = 95)
	private String sha256Fingerprint;

	@Column(length = 64)
	private String credentialsId;

	@Column(length = CERTIFICATE_PEM_LENGTH)
	private String certificatePem;

	@Column(length = 8192)
	private String sealedPrivateKey;

	@Column(length = 16)
	private String vaultKeyId;

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

	Device(String name, KeyType keyType, Origin origin, X509Certificate certificate, String createdBy, Instant now) {
		this.id = UUID.randomUUID();
		this.name = name;
		this.nameKey = LookAlikes.key(name);
		this.keyType = keyType;
		this.origin = origin;
		this.subject = Columns.fit("cert", "The certificate's subject", certificate.getSubjectX500Principal().getName(),
				SUBJECT_LENGTH);
		this.serialNumber = Columns.fit("cert", "The certificate's serial number (in hex)",
				certificate.getSerialNumber().toString(16), SERIAL_NUMBER_LENGTH);
		this.notBefore = certificate.getNotBefore().toInstant();
		this.notAfter = certificate.getNotAfter().toInstant();
		this.sha256Fingerprint = Fingerprints.sha256(certificate);
		this.credentialsId = Fingerprints.thingsBoardCredentialsId(certificate);
		this.certificatePem = Columns.fit("cert", "The certificate (as PEM)", PemCodec.certificate(certificate),
				CERTIFICATE_PEM_LENGTH);
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

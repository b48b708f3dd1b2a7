package dev.keysmith.device;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.keysmith.common.Columns;
import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.vault.KeyVault;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One certificate of a device over time: the certificate in clear (it is public), its
 * facts denormalised for listing, the private key sealed by the vault when Keysmith holds
 * it, and where it is in its life ({@link CredentialState}).
 */
@Entity
@Table(name = "device_credential")
public class DeviceCredential {

	// the lengths of the columns fed from input, as the migrations create them
	static final int SUBJECT_LENGTH = 1024;

	static final int SERIAL_NUMBER_LENGTH = 128;

	static final int CERTIFICATE_PEM_LENGTH = 65536;

	static final int FAILURE_CAUSE_LENGTH = 1024;

	static final int ISSUER_PEM_LENGTH = 16384;

	@Id
	private UUID id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "device_id")
	private Device device;

	@Enumerated(EnumType.STRING)
	@Column(length = 16)
	private CredentialState state;

	/**
	 * The device's id while ACTIVE, else null: the schema keeps it unique, so a device
	 * has one ACTIVE at most.
	 */
	private UUID activeDeviceId;

	@Enumerated(EnumType.STRING)
	@Column(length = 16)
	private KeyType keyType;

	@Enumerated(EnumType.STRING)
	@Column(length = 16)
	private CredentialOrigin origin;

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

	@Enumerated(EnumType.STRING)
	@Column(length = 16)
	private KeyBinding keyBinding;

	private Instant createdAt;

	private Instant activatedAt;

	private Instant retiredAt;

	/** Why its activation failed, in plain words, when FAILED. */
	@Column(length = FAILURE_CAUSE_LENGTH)
	private String failureCause;

	private Instant revokedAt;

	/** When its private key was overwritten in the store, never to be read again. */
	private Instant keyDestroyedAt;

	/** The Keysmith CA that issued it, when one did. */
	private UUID caId;

	/** The issuing CA's certificate as it was at issue: the rest of the chain. */
	@Column(length = ISSUER_PEM_LENGTH)
	private String issuerPem;

	@Version
	private long version;

	protected DeviceCredential() {
	}

	/** A new credential, ACTIVE from {@code now}: the device's first. */
	DeviceCredential(Device device, KeyType keyType, CredentialOrigin origin, X509Certificate certificate,
			Instant now) {
		this(device, keyType, origin, certificate, now, CredentialState.ACTIVE);
	}

	/** A new credential, PENDING or ACTIVE from {@code now}. */
	DeviceCredential(Device device, KeyType keyType, CredentialOrigin origin, X509Certificate certificate, Instant now,
			CredentialState state) {
		this.id = UUID.randomUUID();
		this.device = device;
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
		this.keyBinding = KeyBinding.RECORD;
		this.createdAt = now;
		this.state = state;
		if (state == CredentialState.ACTIVE) {
			this.activeDeviceId = device.getId();
			this.activatedAt = now;
		}
	}

	void activate(Instant now) {
		this.state = CredentialState.ACTIVE;
		this.activeDeviceId = this.device.getId();
		this.activatedAt = now;
		this.failureCause = null;
	}

	void retire(Instant now) {
		leaveActive(CredentialState.RETIRED);
		this.retiredAt = now;
	}

	void fail(String cause) {
		leaveActive(CredentialState.FAILED);
		this.failureCause = Columns.fit("cause", "The cause", cause, FAILURE_CAUSE_LENGTH);
	}

	void revoke(Instant now) {
		leaveActive(CredentialState.REVOKED);
		this.revokedAt = now;
	}

	private void leaveActive(CredentialState next) {
		this.state = next;
		this.activeDeviceId = null;
	}

	/**
	 * Forgets the private key: the sealed bytes are overwritten in the record and the
	 * record no longer names a vault key.
	 */
	void destroyKey(Instant now) {
		this.sealedPrivateKey = null;
		this.vaultKeyId = null;
		this.keyDestroyedAt = now;
	}

	/**
	 * The vault context (AES-GCM associated data) that binds the sealed key to this
	 * record.
	 */
	String keyContext() {
		return this.keyBinding.context(this);
	}

	/**
	 * The context a key sealed for this record under {@link KeyBinding#RECORD} carries.
	 */
	String recordKeyContext() {
		return KeyBinding.RECORD.context(this);
	}

	/** Records the Keysmith CA that issued it, and that CA's certificate. */
	void issuedBy(UUID ca, X509Certificate caCertificate) {
		this.caId = ca;
		this.issuerPem = PemCodec.certificate(caCertificate);
	}

	/** The issuing CA's certificate, for a certificate a Keysmith CA issued. */
	public Optional<X509Certificate> issuer() {
		return Optional.ofNullable(this.issuerPem).map(Certificates::fromPem);
	}

	public UUID getCaId() {
		return this.caId;
	}

	void holdPrivateKey(KeyVault.Sealed sealed) {
		this.sealedPrivateKey = sealed.ciphertext();
		this.vaultKeyId = sealed.keyId();
		this.keyBinding = KeyBinding.RECORD;
	}

	KeyVault.Sealed sealedPrivateKey() {
		return (this.sealedPrivateKey != null) ? new KeyVault.Sealed(this.vaultKeyId, this.sealedPrivateKey) : null;
	}

	public boolean hasPrivateKey() {
		return this.sealedPrivateKey != null;
	}

	public boolean isActive() {
		return this.state == CredentialState.ACTIVE;
	}

	public UUID getId() {
		return this.id;
	}

	Device getDevice() {
		return this.device;
	}

	public CredentialState getState() {
		return this.state;
	}

	public KeyType getKeyType() {
		return this.keyType;
	}

	public CredentialOrigin getOrigin() {
		return this.origin;
	}

	public String getSubject() {
		return this.subject;
	}

	/**
	 * The serial number in hex, as {@code openssl x509 -serial} prints it (without
	 * leading zeros).
	 */
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

	/**
	 * ThingsBoard's credentialsId for this certificate (SHA3-256 of the certificate's PEM
	 * body).
	 */
	public String getCredentialsId() {
		return this.credentialsId;
	}

	public String getCertificatePem() {
		return this.certificatePem;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getActivatedAt() {
		return this.activatedAt;
	}

	public Instant getRetiredAt() {
		return this.retiredAt;
	}

	public String getFailureCause() {
		return this.failureCause;
	}

	public Instant getRevokedAt() {
		return this.revokedAt;
	}

	public Instant getKeyDestroyedAt() {
		return this.keyDestroyedAt;
	}

}

package dev.keysmith.ca;

import java.security.cert.X509Certificate;
import java.time.Instant;
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
 * A CA that issues device certificates: its certificate in clear, its facts for listing,
 * its key sealed by the vault (bound to this record), and whether it is retired.
 */
@Entity
@Table(name = "device_ca")
public class DeviceCa {

	static final int NAME_LENGTH = 64;

	static final int SUBJECT_LENGTH = 1024;

	static final int CERTIFICATE_PEM_LENGTH = 16384;

	/** Where a CA came from. */
	public enum Origin {

		/** Made by Keysmith. */
		CREATED,

		/** Brought in with its key. */
		IMPORTED

	}

	@Id
	private UUID id;

	@Column(length = NAME_LENGTH)
	private String name;

	@Enumerated(EnumType.STRING)
	@Column(length = 16)
	private KeyType keyType;

	@Enumerated(EnumType.STRING)
	@Column(length = 16)
	private Origin origin;

	@Column(length = SUBJECT_LENGTH)
	private String subject;

	@Column(length = 128)
	private String serialNumber;

	@Column(length = 95)
	private String sha256Fingerprint;

	private Instant notBefore;

	private Instant notAfter;

	@Column(length = CERTIFICATE_PEM_LENGTH)
	private String certificatePem;

	@Column(length = 8192)
	private String sealedPrivateKey;

	@Column(length = 16)
	private String vaultKeyId;

	private Instant createdAt;

	private String createdBy;

	private Instant retiredAt;

	private String retiredBy;

	@Version
	private long version;

	protected DeviceCa() {
	}

	DeviceCa(String name, KeyType keyType, Origin origin, X509Certificate certificate, String actor, Instant now) {
		this.id = UUID.randomUUID();
		this.name = Columns.fit("name", "The CA's name", name, NAME_LENGTH);
		this.keyType = keyType;
		this.origin = origin;
		this.subject = Columns.fit("cert", "The CA certificate's subject",
				certificate.getSubjectX500Principal().getName(), SUBJECT_LENGTH);
		this.serialNumber = certificate.getSerialNumber().toString(16);
		this.sha256Fingerprint = Fingerprints.sha256(certificate);
		this.notBefore = certificate.getNotBefore().toInstant();
		this.notAfter = certificate.getNotAfter().toInstant();
		this.certificatePem = Columns.fit("cert", "The CA certificate (as PEM)", PemCodec.certificate(certificate),
				CERTIFICATE_PEM_LENGTH);
		this.createdBy = actor;
		this.createdAt = now;
	}

	/**
	 * The vault context (AES-GCM associated data) that binds the sealed key to this CA.
	 */
	String keyContext() {
		return "device-ca:" + this.id;
	}

	void holdPrivateKey(KeyVault.Sealed sealed) {
		this.sealedPrivateKey = sealed.ciphertext();
		this.vaultKeyId = sealed.keyId();
	}

	KeyVault.Sealed sealedPrivateKey() {
		return new KeyVault.Sealed(this.vaultKeyId, this.sealedPrivateKey);
	}

	void retire(String actor, Instant now) {
		this.retiredBy = actor;
		this.retiredAt = now;
	}

	public boolean isRetired() {
		return this.retiredAt != null;
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

	public String getSerialNumber() {
		return this.serialNumber;
	}

	public String getSha256Fingerprint() {
		return this.sha256Fingerprint;
	}

	public Instant getNotBefore() {
		return this.notBefore;
	}

	public Instant getNotAfter() {
		return this.notAfter;
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

	public Instant getRetiredAt() {
		return this.retiredAt;
	}

	public String getRetiredBy() {
		return this.retiredBy;
	}

}

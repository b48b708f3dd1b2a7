package dev.keysmith.ca;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import dev.keysmith.audit.AuditLog;
import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.Names;
import dev.keysmith.common.NotFoundException;
import dev.keysmith.pki.CaIssuer;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.CredentialImporter;
import dev.keysmith.pki.ImportedCredential;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PkiException;
import dev.keysmith.vault.KeyVault;
import dev.keysmith.vault.VaultException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Device CAs: made or imported (the key sealed to its record), listed, retired, and
 * opened to issue device certificates. A retired CA issues nothing more; the devices it
 * issued keep their certificates.
 */
@Service
public class CaService {

	/** How long a CA made without a validity lasts: ten years. */
	public static final int DEFAULT_VALIDITY_DAYS = 3650;

	private static final Logger log = LoggerFactory.getLogger(CaService.class);

	private final DeviceCaRepository cas;

	private final KeyVault vault;

	private final AuditLog audit;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final CaIssuer issuer;

	CaService(DeviceCaRepository cas, KeyVault vault, AuditLog audit, JdbcTemplate jdbc, Clock clock) {
		this.cas = cas;
		this.vault = vault;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
		this.issuer = new CaIssuer(new SecureRandom(), clock);
	}

	/** Makes a CA: an EC key and a self-signed CA certificate with CN = its name. */
	public DeviceCa create(String name, KeyType keyType, Integer validityDays, String actor) {
		String checked = checkName(name);
		if (keyType != KeyType.EC_P256 && keyType != KeyType.EC_P384) {
			throw new InvalidRequestException("keyType", "Choose the CA's key type: EC_P256 or EC_P384");
		}
		int days = (validityDays != null) ? validityDays : DEFAULT_VALIDITY_DAYS;
		CertificateIssuer.validityProblem(days).ifPresent((problem) -> {
			throw new InvalidRequestException("validityDays", problem);
		});
		IssuedCredential made = this.issuer.createCa(keyType, checked, days);
		return store(new DeviceCa(checked, keyType, DeviceCa.Origin.CREATED, made.certificate(), actor,
				this.clock.instant()), made, actor, "CA_CREATED", keyType.label() + ", " + days + " days");
	}

	/** A CA made elsewhere, with its key, to issue device certificates. */
	public DeviceCa importCa(byte[] certificate, byte[] key, String name, String actor) {
		if (key == null || key.length == 0) {
			throw new InvalidRequestException("key", "Give the CA's private key too: Keysmith signs with it");
		}
		CredentialImporter importer = new CredentialImporter(this.clock);
		try {
			this.issuer.checkCa(importer.read(certificate, null).certificate());
		}
		catch (PkiException ex) {
			throw new InvalidRequestException("cert", ex.getMessage());
		}
		ImportedCredential read;
		try {
			read = importer.read(certificate, key);
		}
		catch (PkiException ex) {
			throw new InvalidRequestException("key", ex.getMessage());
		}
		IssuedCredential ca = read.withKey().orElseThrow();
		String given = (name != null && !name.isBlank()) ? name
				: Certificates.commonName(read.certificate()).orElse(null);
		String checked = checkName(given);
		DeviceCa imported = new DeviceCa(checked, read.keyType(), DeviceCa.Origin.IMPORTED, read.certificate(), actor,
				this.clock.instant());
		if (this.cas.existsBySha256Fingerprint(imported.getSha256Fingerprint())) {
			throw new ConflictException("This CA is in Keysmith already");
		}
		return store(imported, ca, actor, "CA_IMPORTED", read.keyType().label() + ", " + imported.getSubject());
	}

	public List<DeviceCa> list() {
		return this.cas.findAllByOrderByName();
	}

	/** The CAs that issue: those not retired, by name. */
	public List<DeviceCa> issuing() {
		return this.cas.findByRetiredAtIsNullOrderByName();
	}

	public DeviceCa get(UUID id) {
		return this.cas.findById(id).orElseThrow(() -> new NotFoundException("No CA with id '" + id + "'"));
	}

	/** How many device certificates the CA issued. */
	public long issuedCount(UUID id) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM device_credential WHERE ca_id = ?", Long.class, id);
		return (count != null) ? count : 0;
	}

	/** Retires the CA: it issues nothing more. */
	public DeviceCa retire(UUID id, String actor) {
		DeviceCa ca = get(id);
		if (ca.isRetired()) {
			throw new ConflictException("The CA '" + ca.getName() + "' is retired already");
		}
		ca.retire(actor, this.clock.instant());
		DeviceCa saved = this.cas.save(ca);
		this.audit.record(actor, "CA_RETIRED", "ca", id.toString(), ca.getName());
		log.info("CA '{}' retired by {}", ca.getName(), actor);
		return saved;
	}

	/**
	 * The key and certificate of a CA that issues, for one device certificate; refuses a
	 * CA that is unknown (naming the {@code caId} input) or retired.
	 */
	public IssuedCredential signer(UUID id) {
		DeviceCa ca = this.cas.findById(id)
			.orElseThrow(() -> new InvalidRequestException("caId", "No CA with id '" + id + "'"));
		if (ca.isRetired()) {
			throw new CaRetiredException(ca.getName());
		}
		byte[] pkcs8;
		try {
			pkcs8 = this.vault.open(ca.sealedPrivateKey(), ca.keyContext());
		}
		catch (VaultException ex) {
			throw new IllegalStateException("The key of CA '" + ca.getName() + "' does not open: " + ex.getMessage());
		}
		X509Certificate certificate = Certificates.fromPem(ca.getCertificatePem());
		return new IssuedCredential(ca.getKeyType(), Certificates.privateKey(ca.getKeyType(), pkcs8), certificate);
	}

	/** What issues device certificates: the CA issuer with Keysmith's clock. */
	public CaIssuer issuer() {
		return this.issuer;
	}

	private DeviceCa store(DeviceCa ca, IssuedCredential key, String actor, String action, String detail) {
		if (this.cas.findByName(ca.getName()).isPresent()) {
			throw new ConflictException("A CA named '" + ca.getName() + "' exists already");
		}
		ca.holdPrivateKey(this.vault.seal(key.privateKey().getEncoded(), ca.keyContext()));
		DeviceCa saved;
		try {
			saved = this.cas.saveAndFlush(ca);
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("A CA named '" + ca.getName() + "' exists already");
		}
		this.audit.record(actor, action, "ca", saved.getId().toString(), saved.getName() + ": " + detail);
		log.info("CA '{}' ({}) stored by {}", saved.getName(), saved.getSha256Fingerprint(), actor);
		return saved;
	}

	private static String checkName(String name) {
		String problem = Names.problem("A CA name", name, DeviceCa.NAME_LENGTH);
		if (problem != null) {
			throw new InvalidRequestException("name", problem);
		}
		return name.strip();
	}

}

package dev.keysmith.device;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.keysmith.common.Uploads;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.CredentialImporter;
import dev.keysmith.pki.CsrReader;
import dev.keysmith.pki.ImportedCredential;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PkiException;
import dev.keysmith.storage.StorageFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How a device comes to be: generated (key pair and self-signed certificate) or imported,
 * each checked against the devices Keysmith holds, stored with its first credential
 * ACTIVE and its audit record in one transaction.
 */
class NewDevices {

	private static final Logger log = LoggerFactory.getLogger(NewDevices.class);

	private final DeviceRepository devices;

	private final DeviceTrail audits;

	private final DeviceKeys keys;

	private final DeviceClashes clashes;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final CertificateIssuer issuer;

	private final CredentialImporter importer;

	private final CaIssuance cas;

	NewDevices(DeviceRepository devices, DeviceTrail audits, DeviceKeys keys, DeviceClashes clashes, CaIssuance cas,
			Clock clock, TransactionTemplate transactions) {
		this.cas = cas;
		this.devices = devices;
		this.audits = audits;
		this.keys = keys;
		this.clashes = clashes;
		this.clock = clock;
		this.transactions = transactions;
		this.issuer = new CertificateIssuer(new SecureRandom(), clock);
		this.importer = new CredentialImporter(clock);
	}

	/**
	 * Generates a key pair and a certificate with CN = name, self-signed or from a
	 * Keysmith CA; warns of a look-alike name.
	 * @param caId the CA to issue from, or {@code null} for a self-signed certificate
	 */
	DeviceOutcome create(String name, KeyType keyType, Integer validityDays, UUID caId, String actor) {
		String checkedName = DeviceNames.checkGenerated(name);
		KeyType.requireGeneratable(keyType);
		int days = (validityDays != null) ? validityDays : CertificateIssuer.DEFAULT_VALIDITY_DAYS;
		CertificateIssuer.validityProblem(days).ifPresent((problem) -> {
			throw new InvalidDeviceRequestException("validityDays", problem);
		});
		this.clashes.refuseTakenName(checkedName);
		IssuedCredential credential = (caId != null) ? this.cas.issue(caId, keyType, checkedName, days)
				: this.issuer.issue(keyType, checkedName, days);
		Device device = new Device(checkedName, keyType, CredentialOrigin.GENERATED, credential.certificate(), actor,
				this.clock.instant());
		CaIssuance.record(device.activeCredential(), caId, credential);
		this.keys.seal(device.activeCredential(), credential);
		store(device, DeviceAudit.Action.CREATED, actor, keyType.label() + ", " + days + " days" + ((caId != null)
				? ", issued by " + credential.issuers().get(0).getSubjectX500Principal().getName() : ""));
		log.info("Created device '{}' CN={} sha256={}", device.getName(), checkedName, device.getSha256Fingerprint());
		return new DeviceOutcome(device, this.clashes.lookAlikeWarning(device).stream().toList());
	}

	/**
	 * Issues a certificate from a Keysmith CA for a device's certificate signing request:
	 * the key stays on the device, Keysmith stores the certificate only.
	 * @param name the device's name, or {@code null} for the CSR's CN
	 */
	DeviceOutcome fromCsr(byte[] csrFile, String name, Integer validityDays, UUID caId, String actor) {
		refuseOversized("csr", "certificate signing request", csrFile);
		CsrReader.Csr csr;
		try {
			csr = CsrReader.read(csrFile);
		}
		catch (PkiException ex) {
			throw new InvalidDeviceRequestException("csr", ex.getMessage());
		}
		boolean named = name != null && !name.isBlank();
		String wanted = named ? name
				: csr.commonName()
					.orElseThrow(() -> new InvalidDeviceRequestException("name",
							"The CSR asks for no common name (CN): give the device a name"));
		String checkedName;
		try {
			checkedName = DeviceNames.checkGenerated(wanted);
		}
		catch (InvalidDeviceRequestException ex) {
			throw named ? ex : new InvalidDeviceRequestException("name",
					"The CSR's CN cannot be a device name (" + ex.getMessage() + "): give the device a name");
		}
		if (caId == null) {
			throw new InvalidDeviceRequestException("caId",
					"Choose the CA that issues the certificate: Keysmith cannot self-sign without the device's key");
		}
		int days = (validityDays != null) ? validityDays : CertificateIssuer.DEFAULT_VALIDITY_DAYS;
		CertificateIssuer.validityProblem(days).ifPresent((problem) -> {
			throw new InvalidDeviceRequestException("validityDays", problem);
		});
		this.clashes.refuseTakenName(checkedName);
		IssuedCredential issued = this.cas.certify(caId, csr.publicKey(), csr.keyType(), checkedName, days);
		Device device = new Device(checkedName, csr.keyType(), CredentialOrigin.CSR, issued.certificate(), actor,
				this.clock.instant());
		CaIssuance.record(device.activeCredential(), caId, issued);
		store(device, DeviceAudit.Action.CREATED, actor,
				"for the device's CSR (" + csr.keyType().label() + ", the key stays on the device), " + days
						+ " days, issued by " + issued.issuers().get(0).getSubjectX500Principal().getName());
		log.info("Issued device '{}' for its CSR sha256={}", device.getName(), device.getSha256Fingerprint());
		return new DeviceOutcome(device, this.clashes.lookAlikeWarning(device).stream().toList());
	}

	/**
	 * A name a new device with a Keysmith-built certificate (CN = name) may take now: the
	 * rules of {@link #create}, and not taken.
	 */
	String checkNewName(String name) {
		String checkedName = DeviceNames.checkGenerated(name);
		this.clashes.refuseTakenName(checkedName);
		return checkedName;
	}

	/**
	 * Stores a device whose certificate Keysmith built and the operator's browser signed:
	 * the certificate only, origin BROWSER.
	 */
	DeviceOutcome createWithOperatorKey(String name, X509Certificate certificate, int validityDays, String actor) {
		String checkedName = checkNewName(name);
		Device device = new Device(checkedName, KeyType.EC_P256, CredentialOrigin.BROWSER, certificate, actor,
				this.clock.instant());
		this.clashes.refuseHeldCertificate(device);
		store(device, DeviceAudit.Action.CREATED, actor, KeyType.EC_P256.label() + ", " + validityDays
				+ " days, key made in the operator's browser (Keysmith holds no private key)");
		log.info("Created device '{}' CN={} sha256={} for a key made in the operator's browser", device.getName(),
				checkedName, device.getSha256Fingerprint());
		return new DeviceOutcome(device, this.clashes.lookAlikeWarning(device).stream().toList());
	}

	/** Imports a certificate made elsewhere, with its private key when given. */
	DeviceOutcome importDevice(ImportRequest request, String actor) {
		refuseOversized("cert", "certificate", request.certificate());
		refuseOversized("key", "key", request.key());
		ImportedCredential imported = this.importer.read(request.certificate(), request.key());
		X509Certificate certificate = imported.certificate();
		String name = (request.name() != null && !request.name().isBlank()) ? request.name()
				: Certificates.commonName(certificate)
					.orElseThrow(() -> new InvalidDeviceRequestException("name",
							"The certificate has no common name (CN): give the device a name"));
		String checkedName = DeviceNames.check(name);
		this.clashes.refuseTakenName(checkedName);
		Device device = new Device(checkedName, imported.keyType(), CredentialOrigin.IMPORTED, certificate, actor,
				this.clock.instant());
		this.clashes.refuseHeldCertificate(device);
		imported.withKey().ifPresent((credential) -> this.keys.seal(device.activeCredential(), credential));
		store(device, DeviceAudit.Action.IMPORTED, actor,
				device.hasPrivateKey() ? "certificate and private key" : "certificate only");
		log.info("Imported device '{}' sha256={} with{} private key", device.getName(), device.getSha256Fingerprint(),
				device.hasPrivateKey() ? "" : "out");
		List<String> warnings = new ArrayList<>(imported.warnings());
		this.clashes.lookAlikeWarning(device).ifPresent(warnings::add);
		return new DeviceOutcome(device, List.copyOf(warnings));
	}

	private static void refuseOversized(String field, String what, byte[] content) {
		if (content != null && content.length > Uploads.MAX_FILE_BYTES) {
			throw new InvalidDeviceRequestException(field,
					"The %s is %d KB: Keysmith takes at most %d KB (a certificate or a key is a few KB)".formatted(what,
							content.length / 1024, Uploads.MAX_FILE_BYTES / 1024));
		}
	}

	private void store(Device device, DeviceAudit.Action action, String actor, String detail) {
		try {
			this.transactions.executeWithoutResult((status) -> {
				this.devices.saveAndFlush(device);
				this.audits.record(device, action, actor, detail);
			});
		}
		catch (DataIntegrityViolationException ex) {
			if (!StorageFailures.isUniqueViolation(ex)) {
				throw ex; // a value the schema refuses: "already exists" would be false
			}
			// another request (or another Keysmith instance) took the name first
			throw DeviceClashes.nameTaken(device.getName());
		}
	}

}

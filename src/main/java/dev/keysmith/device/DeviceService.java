package dev.keysmith.device;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.keysmith.common.Uploads;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.CredentialImporter;
import dev.keysmith.pki.ImportedCredential;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.storage.StorageFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Devices and their credentials: generation, import, listing, deletion and the audited
 * export of private keys. The private key is decrypted only inside an export.
 */
@Service
public class DeviceService {

	private static final Logger log = LoggerFactory.getLogger(DeviceService.class);

	public static final int MAX_PAGE_SIZE = 200;

	/** The highest page number: far beyond any real list, and its offset fits the database's int. */
	public static final int MAX_PAGE = 1_000_000;

	private final DeviceRepository devices;

	private final DeviceAuditRepository audits;

	private final DeviceKeys keys;

	private final Clock clock;

	private final CertificateIssuer issuer;

	private final CredentialImporter importer;

	private final TransactionTemplate transactions;

	private final DeviceClashes clashes;

	DeviceService(DeviceRepository devices, DeviceAuditRepository audits, DeviceKeys keys, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.devices = devices;
		this.clashes = new DeviceClashes(devices);
		this.audits = audits;
		this.keys = keys;
		this.clock = clock;
		this.issuer = new CertificateIssuer(new java.security.SecureRandom(), clock);
		this.importer = new CredentialImporter(clock);
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** Generates a key pair and a self-signed certificate with CN = name, and stores both. */
	public Device create(String name, KeyType keyType, Integer validityDays, String actor) {
		return createWithWarnings(name, keyType, validityDays, actor).device();
	}

	/** {@link #create}, with a warning when the name looks like another device's. */
	public DeviceOutcome createWithWarnings(String name, KeyType keyType, Integer validityDays, String actor) {
		String checkedName = DeviceNames.checkGenerated(name);
		KeyType.requireGeneratable(keyType);
		int days = (validityDays != null) ? validityDays : CertificateIssuer.DEFAULT_VALIDITY_DAYS;
		CertificateIssuer.validityProblem(days).ifPresent((problem) -> {
			throw new InvalidDeviceRequestException("validityDays", problem);
		});
		this.clashes.refuseTakenName(checkedName);
		IssuedCredential credential = this.issuer.issue(keyType, checkedName, days);
		Device device = new Device(checkedName, keyType, DeviceCredential.Origin.GENERATED, credential.certificate(),
				actor, this.clock.instant());
		this.keys.seal(device.activeCredential(), credential);
		store(device, DeviceAudit.Action.CREATED, actor, keyType.label() + ", " + days + " days");
		log.info("Created device '{}' CN={} sha256={}", device.getName(), checkedName, device.getSha256Fingerprint());
		return new DeviceOutcome(device, this.clashes.lookAlikeWarning(device).stream().toList());
	}

	/** Imports a certificate made elsewhere, with its private key when given. */
	public DeviceOutcome importDevice(ImportRequest request, String actor) {
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
		Device device = new Device(checkedName, imported.keyType(), DeviceCredential.Origin.IMPORTED, certificate,
				actor, this.clock.instant());
		this.clashes.refuseHeldCertificate(device);
		imported.withKey().ifPresent((credential) -> this.keys.seal(device.activeCredential(), credential));
		store(device, DeviceAudit.Action.IMPORTED,
				actor, device.hasPrivateKey() ? "certificate and private key" : "certificate only");
		log.info("Imported device '{}' sha256={} with{} private key", device.getName(), device.getSha256Fingerprint(),
				device.hasPrivateKey() ? "" : "out");
		List<String> warnings = new ArrayList<>(imported.warnings());
		this.clashes.lookAlikeWarning(device).ifPresent(warnings::add);
		return new DeviceOutcome(device, List.copyOf(warnings));
	}

	public Page<Device> list(String query, int page, int size) {
		if (page > MAX_PAGE) {
			throw new InvalidDeviceRequestException("page",
					"The page number must be between 0 and %d, not %d".formatted(MAX_PAGE, page));
		}
		PageRequest request = PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), MAX_PAGE_SIZE),
				Sort.by("name"));
		return this.devices.findByNameContainingIgnoreCase((query != null) ? query.strip() : "", request);
	}

	public Device get(UUID id) {
		return this.devices.findById(id).orElseThrow(() -> new DeviceNotFoundException(id));
	}

	/** The devices that hold the very same certificate (ThingsBoard refuses such a pair). */
	public List<Device> findByCredentialsId(String credentialsId) {
		return this.clashes.holdersOf(credentialsId);
	}

	/** Every credential the device has had, newest first. */
	public List<DeviceCredential> credentialHistory(UUID id) {
		return get(id).credentialHistory();
	}

	public List<DeviceAudit> auditTrail(UUID id) {
		return this.audits.findByDeviceIdOrderByAtDescIdDesc(id);
	}

	public void delete(UUID id, String actor) {
		this.transactions.executeWithoutResult((status) -> {
			Device device = get(id);
			this.devices.delete(device);
			this.audits.save(new DeviceAudit(device, DeviceAudit.Action.DELETED, actor, this.clock.instant(), null));
		});
		log.info("Device {} deleted by {}", id, actor);
	}

	/** Records that the certificate is now the device's credentials on a ThingsBoard server. */
	public Device recordPush(UUID id, UUID serverId, String thingsBoardDeviceId, String serverName, String actor) {
		return this.transactions.execute((status) -> {
			Device device = get(id);
			device.pushedTo(serverId, thingsBoardDeviceId, this.clock.instant());
			this.audits.save(new DeviceAudit(device, DeviceAudit.Action.PUSHED, actor, this.clock.instant(),
					serverName + ", ThingsBoard device " + thingsBoardDeviceId));
			return this.devices.save(device);
		});
	}

	/**
	 * The device's key and certificate, so that Keysmith can connect as the device. The key
	 * stays in memory for the run and is not exported.
	 */
	public IssuedCredential identity(UUID id) {
		return this.keys.unseal(get(id));
	}

	/** Notes a verification run in the device's audit trail. */
	public void recordVerification(UUID id, String actor, String outcome) {
		this.devices.findById(id)
			.ifPresent((device) -> this.audits.save(new DeviceAudit(device, DeviceAudit.Action.VERIFIED, actor,
					this.clock.instant(), outcome)));
	}

	private static void refuseOversized(String field, String what, byte[] content) {
		if (content != null && content.length > Uploads.MAX_FILE_BYTES) {
			throw new InvalidDeviceRequestException(field, "The %s is %d KB: Keysmith takes at most %d KB (a certificate or a key is a few KB)"
				.formatted(what, content.length / 1024, Uploads.MAX_FILE_BYTES / 1024));
		}
	}

	private void store(Device device, DeviceAudit.Action action, String actor, String detail) {
		try {
			this.transactions.executeWithoutResult((status) -> {
				this.devices.saveAndFlush(device);
				this.audits.save(new DeviceAudit(device, action, actor, device.getCreatedAt(), detail));
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

package dev.keysmith.device;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.keysmith.ca.CaService;
import dev.keysmith.common.NotFoundException;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Devices: creation and import ({@link NewDevices}), listing, deletion, the certificate
 * history, the audit trail, and the device's key for a connection Keysmith makes as the
 * device.
 */
@Service
public class DeviceService {

	private static final Logger log = LoggerFactory.getLogger(DeviceService.class);

	public static final int MAX_PAGE_SIZE = 200;

	/**
	 * The highest page number: far beyond any real list, and its offset fits the
	 * database's int.
	 */
	public static final int MAX_PAGE = 1_000_000;

	private final DeviceRepository devices;

	private final DeviceTrail audits;

	private final DeviceKeys keys;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final DeviceClashes clashes;

	private final NewDevices newDevices;

	DeviceService(DeviceRepository devices, DeviceTrail audits, DeviceKeys keys, CaService cas, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.devices = devices;
		this.clashes = new DeviceClashes(devices);
		this.audits = audits;
		this.keys = keys;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
		this.newDevices = new NewDevices(devices, audits, keys, this.clashes, new CaIssuance(cas), clock,
				this.transactions);
	}

	/**
	 * Generates a key pair and a self-signed certificate with CN = name, and stores both.
	 */
	public Device create(String name, KeyType keyType, Integer validityDays, String actor) {
		return createWithWarnings(name, keyType, validityDays, actor).device();
	}

	/** {@link #create}, with a warning when the name looks like another device's. */
	public DeviceOutcome createWithWarnings(String name, KeyType keyType, Integer validityDays, String actor) {
		return this.newDevices.create(name, keyType, validityDays, null, actor);
	}

	/**
	 * {@link #createWithWarnings}, the certificate issued by a Keysmith CA when
	 * {@code caId} is given.
	 */
	public DeviceOutcome createWithWarnings(String name, KeyType keyType, Integer validityDays, UUID caId,
			String actor) {
		return this.newDevices.create(name, keyType, validityDays, caId, actor);
	}

	/**
	 * Issues a certificate from a Keysmith CA for a device's CSR; the key stays on the
	 * device.
	 */
	public DeviceOutcome createFromCsr(byte[] csr, String name, Integer validityDays, UUID caId, String actor) {
		return this.newDevices.fromCsr(csr, name, validityDays, caId, actor);
	}

	/** Imports a certificate made elsewhere, with its private key when given. */
	public DeviceOutcome importDevice(ImportRequest request, String actor) {
		return this.newDevices.importDevice(request, actor);
	}

	/** The name, checked as a new generated device's and not taken (a 400 or 409). */
	String checkNewName(String name) {
		return this.newDevices.checkNewName(name);
	}

	/** Stores a device for a key made in the operator's browser: the certificate only. */
	DeviceOutcome createWithOperatorKey(String name, X509Certificate certificate, int validityDays, String actor) {
		return this.newDevices.createWithOperatorKey(name, certificate, validityDays, actor);
	}

	public Page<Device> list(String query, int page, int size) {
		return list(DeviceQuery.named(query), page, size);
	}

	/** A page of the devices the query selects, in its order. */
	public Page<Device> list(DeviceQuery query, int page, int size) {
		if (page > MAX_PAGE) {
			throw new InvalidDeviceRequestException("page",
					"The page number must be between 0 and %d, not %d".formatted(MAX_PAGE, page));
		}
		PageRequest request = PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), MAX_PAGE_SIZE));
		return this.devices.findAll(DeviceQueries.of(query, this.clock.instant()), request);
	}

	/** When each device's ACTIVE certificate ends, for every device. */
	public List<DeviceExpiry> expiries() {
		return this.devices.findExpiries();
	}

	/** The device of exactly this name, if there is one (an index look-up). */
	public Optional<Device> findByName(String name) {
		return this.devices.findByName(name);
	}

	public Device get(UUID id) {
		return this.devices.findById(id).orElseThrow(() -> new DeviceNotFoundException(id));
	}

	/**
	 * The devices that hold the very same certificate (ThingsBoard refuses such a pair).
	 */
	public List<Device> findByCredentialsId(String credentialsId) {
		return this.clashes.holdersOf(credentialsId);
	}

	/** One of the device's credentials. */
	public DeviceCredential credential(Device device, UUID credentialId) {
		return device.credential(credentialId)
			.orElseThrow(() -> new NotFoundException(
					"Device '" + device.getName() + "' has no certificate with id '" + credentialId + "'"));
	}

	/** Every credential the device has had, newest first. */
	public List<DeviceCredential> credentialHistory(UUID id) {
		return get(id).credentialHistory();
	}

	public List<DeviceAudit> auditTrail(UUID id) {
		return this.audits.of(id);
	}

	public void delete(UUID id, String actor) {
		this.transactions.executeWithoutResult((status) -> {
			Device device = get(id);
			this.devices.delete(device);
			this.audits.record(device, DeviceAudit.Action.DELETED, actor, null);
		});
		log.info("Device {} deleted by {}", id, actor);
	}

	/**
	 * Records that the certificate is now the device's credentials on a ThingsBoard
	 * server.
	 */
	public Device recordPush(UUID id, UUID serverId, String thingsBoardDeviceId, String serverName, String actor) {
		return this.transactions.execute((status) -> {
			Device device = get(id);
			device.pushedTo(serverId, thingsBoardDeviceId, this.clock.instant());
			Device saved = this.devices.saveAndFlush(device);
			this.audits.record(device, DeviceAudit.Action.PUSHED, actor,
					serverName + ", ThingsBoard device " + thingsBoardDeviceId);
			return saved;
		});
	}

	/**
	 * The device's key and certificate, so that Keysmith can connect as the device. The
	 * key stays in memory for the run and is not exported.
	 */
	public IssuedCredential identity(UUID id) {
		return this.keys.unseal(get(id));
	}

	/** Notes a verification run in the device's audit trail. */
	public void recordVerification(UUID id, String actor, String outcome) {
		this.devices.findById(id)
			.ifPresent((device) -> this.audits.record(device, DeviceAudit.Action.VERIFIED, actor, outcome));
	}

}

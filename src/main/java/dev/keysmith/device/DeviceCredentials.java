package dev.keysmith.device;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

import dev.keysmith.ca.CaService;
import dev.keysmith.common.ConflictException;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.PkiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A device's credentials through their life: a renewal's new credential (PENDING), its
 * activation (the old one RETIRED) or failure (FAILED, with its cause), revocation
 * (REVOKED) and the destruction of a key. Each change is one transaction with its audit
 * line. Talking to ThingsBoard is the caller's business: this only records.
 */
@Service
public class DeviceCredentials {

	private static final Logger log = LoggerFactory.getLogger(DeviceCredentials.class);

	private final DeviceService devices;

	private final DeviceRepository repository;

	private final DeviceTrail audits;

	private final DeviceKeys keys;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final CertificateIssuer issuer;

	private final KeyDestruction keyDestruction;

	private final CaIssuance cas;

	DeviceCredentials(DeviceService devices, DeviceRepository repository, DeviceTrail audits, DeviceKeys keys,
			CaService cas, Clock clock, PlatformTransactionManager transactionManager) {
		this.cas = new CaIssuance(cas);
		this.devices = devices;
		this.repository = repository;
		this.audits = audits;
		this.keys = keys;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
		this.issuer = new CertificateIssuer(new SecureRandom(), clock);
		this.keyDestruction = new KeyDestruction(devices, repository, audits, clock, transactionManager);
	}

	/**
	 * Makes the device's next credential, PENDING: a new key pair (or the same key when
	 * {@code keepKey}) and a self-signed certificate with the current one's CN and key
	 * type.
	 * @param validityDays the new certificate's validity, or {@code null} for the default
	 */
	public DeviceCredential prepare(UUID deviceId, boolean keepKey, Integer validityDays, String actor) {
		int days = (validityDays != null) ? validityDays : CertificateIssuer.DEFAULT_VALIDITY_DAYS;
		CertificateIssuer.validityProblem(days).ifPresent((problem) -> {
			throw new InvalidDeviceRequestException("validityDays", problem);
		});
		Device device = this.devices.get(deviceId);
		refuseRevoked(device);
		device.credentialHistory()
			.stream()
			.filter((c) -> c.getState() == CredentialState.PENDING)
			.findFirst()
			.ifPresent((pending) -> {
				throw new ConflictException("Device '" + device.getName() + "' has a new certificate waiting already ("
						+ pending.getId() + "): activate it first");
			});
		DeviceCredential current = device.activeCredential();
		if (!current.hasPrivateKey() && current.getOrigin().keyHolder().isPresent()) {
			throw new ConflictException("The key of '" + device.getName() + "' is not in Keysmith ("
					+ current.getOrigin().keyHolder().get() + "): Keysmith does not replace it with a key of its "
					+ "own. Renew it from a new CSR, or make a new key where it was made");
		}
		String commonName = Certificates.commonName(Certificates.fromPem(current.getCertificatePem()))
			.orElse(device.getName());
		IssuedCredential issued;
		UUID caId = current.getCaId();
		try {
			if (keepKey) {
				if (!current.hasPrivateKey()) {
					throw new InvalidDeviceRequestException("keepKey", "Keysmith holds no private key of '"
							+ device.getName() + "' to keep: renew with a new key (keepKey false)");
				}
				issued = (caId != null) ? this.cas.reissue(caId, this.keys.unseal(current), commonName, days)
						: this.issuer.reissue(this.keys.unseal(current), commonName, days);
			}
			else {
				if (!current.getKeyType().isGeneratable()) {
					throw new InvalidDeviceRequestException("keepKey", "Keysmith does not generate "
							+ current.getKeyType().label() + " keys: renew with keepKey true, or import a new one");
				}
				issued = (caId != null) ? this.cas.issue(caId, current.getKeyType(), commonName, days)
						: this.issuer.issue(current.getKeyType(), commonName, days);
			}
		}
		catch (PkiException ex) {
			throw new InvalidDeviceRequestException("validityDays", ex.getMessage());
		}
		IssuedCredential key = issued;
		return this.transactions.execute((status) -> {
			Device fresh = this.devices.get(deviceId);
			DeviceCredential next = new DeviceCredential(fresh, key.keyType(), CredentialOrigin.RENEWED,
					key.certificate(), this.clock.instant(), CredentialState.PENDING);
			CaIssuance.record(next, caId, key);
			this.keys.seal(next, key);
			fresh.addCredential(next);
			this.repository.saveAndFlush(fresh);
			audit(fresh, DeviceAudit.Action.RENEWAL_PREPARED, actor, "certificate " + next.getSerialNumber()
					+ (keepKey ? " for the same key" : " with a new key") + ", " + days + " days");
			log.info("Prepared certificate {} for '{}' ({})", next.getSerialNumber(), fresh.getName(),
					keepKey ? "same key" : "new key");
			return next;
		});
	}

	/** One credential of the device. */
	public DeviceCredential get(UUID deviceId, UUID credentialId) {
		return this.devices.credential(this.devices.get(deviceId), credentialId);
	}

	/**
	 * One credential's key and certificate, so that Keysmith can connect with it; in
	 * memory only.
	 */
	public IssuedCredential identity(UUID deviceId, UUID credentialId) {
		return this.keys.unseal(get(deviceId, credentialId));
	}

	/**
	 * The credential becomes the device's ACTIVE one, and the one it replaces RETIRED.
	 */
	public void activate(UUID deviceId, UUID credentialId, String actor, String detail) {
		this.transactions.executeWithoutResult((status) -> {
			Device device = this.devices.get(deviceId);
			DeviceCredential next = this.devices.credential(device, credentialId);
			DeviceCredential current = device.activeCredential();
			if (current.getId().equals(credentialId)) {
				return;
			}
			current.retire(this.clock.instant());
			// the old one leaves ACTIVE before the new one takes it: the schema allows
			// one
			this.repository.saveAndFlush(device);
			next.activate(this.clock.instant());
			this.repository.saveAndFlush(device);
			audit(device, DeviceAudit.Action.ACTIVATED, actor, detail);
		});
	}

	/** The credential's activation failed and was undone: FAILED, with why. */
	public void fail(UUID deviceId, UUID credentialId, String cause, String actor) {
		this.transactions.executeWithoutResult((status) -> {
			Device device = this.devices.get(deviceId);
			this.devices.credential(device, credentialId).fail(cause);
			this.repository.saveAndFlush(device);
		});
	}

	/**
	 * The device's credential is REVOKED (its ThingsBoard credentials were replaced, or
	 * its ThingsBoard device deleted when {@code deviceDeleted}).
	 */
	public DeviceCredential revoke(UUID deviceId, boolean deviceDeleted, String actor, String detail) {
		return this.transactions.execute((status) -> {
			Device device = this.devices.get(deviceId);
			refuseRevoked(device);
			DeviceCredential current = device.activeCredential();
			current.revoke(this.clock.instant());
			if (deviceDeleted) {
				device.removedFromThingsBoard();
			}
			this.repository.saveAndFlush(device);
			audit(device, DeviceAudit.Action.REVOKED, actor, detail);
			return current;
		});
	}

	/**
	 * Destroys the private key of a credential no longer in use (REVOKED, RETIRED or
	 * FAILED) and its copies ({@link KeyDestruction}): irreversible, so the operator
	 * confirms it by typing the device's name.
	 * @return what was done, in plain words
	 */
	public String destroyKey(UUID deviceId, UUID credentialId, String confirmation, String actor) {
		return this.keyDestruction.destroy(deviceId, credentialId, confirmation, actor);
	}

	/** Adds a line to the device's audit trail. */
	public void audit(UUID deviceId, DeviceAudit.Action action, String actor, String detail) {
		this.repository.findById(deviceId).ifPresent((device) -> audit(device, action, actor, detail));
	}

	private void audit(Device device, DeviceAudit.Action action, String actor, String detail) {
		this.audits.record(device, action, actor, detail);
	}

	private static void refuseRevoked(Device device) {
		if (device.isRevoked()) {
			throw new ConflictException("The certificate of '" + device.getName()
					+ "' is revoked: a revoked device is not renewed; create a new device instead");
		}
	}

}

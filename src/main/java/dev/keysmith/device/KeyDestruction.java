package dev.keysmith.device;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.keysmith.common.ConflictException;
import dev.keysmith.pki.Certificates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Destroys private keys Keysmith no longer needs: the sealed key of a credential out of
 * use is overwritten in its record, with the copies of the same key that other such
 * credentials of the device hold (a renewal that kept the key made them). A credential in
 * use keeps its copy, and the operator is told so.
 */
final class KeyDestruction {

	private static final Logger log = LoggerFactory.getLogger(KeyDestruction.class);

	private final DeviceService devices;

	private final DeviceRepository repository;

	private final DeviceTrail audits;

	private final Clock clock;

	private final TransactionTemplate transactions;

	KeyDestruction(DeviceService devices, DeviceRepository repository, DeviceTrail audits, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.devices = devices;
		this.repository = repository;
		this.audits = audits;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Destroys the private key of a credential no longer in use (REVOKED, RETIRED or
	 * FAILED), and of every other such credential of the device that holds the same key:
	 * irreversible, so the operator confirms it by typing the device's name.
	 * @return what was done, in plain words
	 */
	String destroy(UUID deviceId, UUID credentialId, String confirmation, String actor) {
		return this.transactions.execute((status) -> {
			Device device = this.devices.get(deviceId);
			DeviceCredential target = this.devices.credential(device, credentialId);
			if (!device.getName().equals(confirmation)) {
				throw new InvalidDeviceRequestException("confirm",
						"Destroying a private key cannot be undone: confirm it with the device's name, '"
								+ device.getName() + "'");
			}
			if (target.getState() == CredentialState.ACTIVE || target.getState() == CredentialState.PENDING) {
				throw new ConflictException("The certificate " + target.getSerialNumber() + " of '" + device.getName()
						+ "' is " + target.getState() + ": revoke or replace it before destroying its key");
			}
			if (!target.hasPrivateKey()) {
				throw new ConflictException("Keysmith holds no private key of the certificate "
						+ target.getSerialNumber() + " of '" + device.getName() + "'");
			}
			byte[] publicKey = Certificates.fromPem(target.getCertificatePem()).getPublicKey().getEncoded();
			List<DeviceCredential> twins = device.credentialHistory()
				.stream()
				.filter(DeviceCredential::hasPrivateKey)
				.filter((c) -> Arrays.equals(publicKey,
						Certificates.fromPem(c.getCertificatePem()).getPublicKey().getEncoded()))
				.toList();
			List<DeviceCredential> inUse = twins.stream()
				.filter((c) -> c.getState() == CredentialState.ACTIVE || c.getState() == CredentialState.PENDING)
				.toList();
			twins.stream().filter((c) -> !inUse.contains(c)).forEach((c) -> c.destroyKey(this.clock.instant()));
			this.repository.saveAndFlush(device);
			String done = "private key of certificate " + target.getSerialNumber() + " overwritten"
					+ ((twins.size() - inUse.size() > 1)
							? " (and " + (twins.size() - inUse.size() - 1) + " older certificates of the same key)"
							: "")
					+ (inUse.isEmpty() ? "" : "; the same key is still held for the " + inUse.get(0).getState()
							+ " certificate " + inUse.get(0).getSerialNumber());
			this.audits.record(device, DeviceAudit.Action.KEY_DESTROYED, actor, done);
			log.info("Device '{}': {} by {}", device.getName(), done, actor);
			return done;
		});
	}

}

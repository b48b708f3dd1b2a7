package dev.keysmith.device;

import java.util.UUID;

import dev.keysmith.vault.KeyVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start-up, re-seals the device keys still bound to their certificate's fingerprint
 * (as keys were sealed before credentials had records, V9) to their credential record. It
 * needs the master key, so the migration cannot do it. Each key is re-sealed in a
 * transaction of its own by a conditional update: a second run, or a second instance on
 * the same database, finds nothing left to do or loses the race harmlessly. Until a key
 * is re-sealed it still opens under its old binding.
 */
@Component
class DeviceKeyRebinding implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DeviceKeyRebinding.class);

	private final DeviceCredentialRepository credentials;

	private final DeviceKeys keys;

	private final TransactionTemplate transactions;

	DeviceKeyRebinding(DeviceCredentialRepository credentials, DeviceKeys keys,
			PlatformTransactionManager transactionManager) {
		this.credentials = credentials;
		this.keys = keys;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@Override
	public void run(ApplicationArguments args) {
		rebind();
	}

	/**
	 * @return how many keys this call re-sealed
	 */
	int rebind() {
		int done = 0;
		for (UUID id : this.credentials.findIdsWithKeyBinding(KeyBinding.FINGERPRINT)) {
			try {
				Integer count = this.transactions
					.execute((status) -> this.credentials.findById(id).map((credential) -> {
						KeyVault.Sealed sealed = this.keys.resealed(credential);
						return this.credentials.rebind(id, sealed.ciphertext(), sealed.keyId());
					}).orElse(0));
				done += (count != null) ? count : 0;
			}
			catch (SealedKeyRefusedException ex) {
				// left as it is: an export of it refuses with the same message
				log.warn("Could not re-seal the key of credential {}: {}", id, ex.getMessage());
			}
		}
		if (done > 0) {
			log.info("Re-sealed {} device keys to their credential records", done);
		}
		return done;
	}

}

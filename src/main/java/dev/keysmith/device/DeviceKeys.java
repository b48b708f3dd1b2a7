package dev.keysmith.device;

import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.vault.KeyVault;
import dev.keysmith.vault.VaultException;

import org.springframework.stereotype.Component;

/**
 * Seals device keys to their credential record and opens them again: the one place that
 * hands device keys to the vault. A key opens only on the record it was sealed for.
 */
@Component
class DeviceKeys {

	private final KeyVault vault;

	DeviceKeys(KeyVault vault) {
		this.vault = vault;
	}

	void seal(DeviceCredential credential, IssuedCredential key) {
		credential.holdPrivateKey(this.vault.seal(key.privateKey().getEncoded(), credential.recordKeyContext()));
	}

	/**
	 * The key sealed again to its record, for a credential whose key is sealed under an
	 * older binding.
	 */
	KeyVault.Sealed resealed(DeviceCredential credential) {
		return this.vault.seal(open(credential), credential.recordKeyContext());
	}

	/**
	 * The device's active key and certificate, in memory only. Throws when Keysmith holds
	 * no key for the device, and refuses a stored key that does not belong to its record.
	 */
	IssuedCredential unseal(Device device) {
		return unseal(device.activeCredential());
	}

	/**
	 * One credential's key and certificate, in memory only; throws as
	 * {@link #unseal(Device)}.
	 */
	IssuedCredential unseal(DeviceCredential credential) {
		Device device = credential.getDevice();
		if (!credential.hasPrivateKey()) {
			throw new NoPrivateKeyException(device.getName(), credential.getOrigin());
		}
		byte[] pkcs8 = open(credential);
		return new IssuedCredential(credential.getKeyType(), Certificates.privateKey(credential.getKeyType(), pkcs8),
				Certificates.fromPem(credential.getCertificatePem()), credential.issuer().stream().toList());
	}

	private byte[] open(DeviceCredential credential) {
		try {
			return this.vault.open(credential.sealedPrivateKey(), credential.keyContext());
		}
		catch (VaultException ex) {
			throw new SealedKeyRefusedException(credential.getDevice().getName(), ex);
		}
	}

}

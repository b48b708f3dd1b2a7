package dev.keysmith.device;

import java.util.Set;

import dev.keysmith.vault.SealedRecords;

import org.springframework.stereotype.Component;

/** Tells the vault which master keys the stored device keys were sealed with. */
@Component
class DeviceSealedRecords implements SealedRecords {

	private final DeviceCredentialRepository credentials;

	DeviceSealedRecords(DeviceCredentialRepository credentials) {
		this.credentials = credentials;
	}

	@Override
	public Set<String> vaultKeyIdsInUse() {
		return this.credentials.findVaultKeyIds();
	}

}

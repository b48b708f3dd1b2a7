package dev.keysmith.device;

import java.util.Set;

import dev.keysmith.vault.SealedRecords;

import org.springframework.stereotype.Component;

/** Tells the vault which master keys the stored device keys were sealed with. */
@Component
class DeviceSealedRecords implements SealedRecords {

	private final DeviceRepository devices;

	DeviceSealedRecords(DeviceRepository devices) {
		this.devices = devices;
	}

	@Override
	public Set<String> vaultKeyIdsInUse() {
		return this.devices.findVaultKeyIds();
	}

}

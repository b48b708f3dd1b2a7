package dev.keysmith.thingsboard;

import java.util.Set;

import dev.keysmith.vault.SealedRecords;

import org.springframework.stereotype.Component;

/**
 * Tells the vault which master keys sealed the stored ThingsBoard passwords and API keys.
 */
@Component
class ServerSealedRecords implements SealedRecords {

	private final ThingsBoardServerRepository servers;

	ServerSealedRecords(ThingsBoardServerRepository servers) {
		this.servers = servers;
	}

	@Override
	public Set<String> vaultKeyIdsInUse() {
		return this.servers.findVaultKeyIds();
	}

}

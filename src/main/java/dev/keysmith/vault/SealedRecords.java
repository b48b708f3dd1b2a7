package dev.keysmith.vault;

import java.util.Set;

/**
 * Implemented by every feature that stores sealed secrets, so that the vault can check at
 * start-up that the master key it has is the one those records need.
 */
public interface SealedRecords {

	/** The ids of the master keys that sealed this feature's stored secrets. */
	Set<String> vaultKeyIdsInUse();

}

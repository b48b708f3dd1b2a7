package dev.keysmith.device;

import dev.keysmith.common.ConflictException;
import dev.keysmith.vault.VaultException;

/**
 * The private key stored for a credential does not open for that record: altered in the
 * database, or moved there from another record. Keysmith neither exports nor uses it.
 */
public class SealedKeyRefusedException extends ConflictException {

	SealedKeyRefusedException(String deviceName, VaultException cause) {
		super("The private key stored for device '" + deviceName + "' does not open for its certificate record: "
				+ cause.getMessage() + ". Keysmith neither uses nor exports it.");
		initCause(cause);
	}

}

package dev.keysmith.device;

import dev.keysmith.common.NotFoundException;

/**
 * Keysmith holds no private key for the device's certificate (imported without it, or
 * held by the operator or the device), so there is none to export or connect with.
 */
public class NoPrivateKeyException extends NotFoundException {

	public NoPrivateKeyException(String deviceName, CredentialOrigin origin) {
		super("Keysmith holds no private key for device '" + deviceName + "': "
				+ origin.keyHolder()
					.map((holder) -> "the " + holder + ", Keysmith never had it")
					.orElse("its certificate was imported without one"));
	}

}

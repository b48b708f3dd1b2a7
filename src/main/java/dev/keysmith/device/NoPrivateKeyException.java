package dev.keysmith.device;

import dev.keysmith.common.NotFoundException;

/**
 * The device's certificate was imported without its private key, so there is none to
 * export.
 */
public class NoPrivateKeyException extends NotFoundException {

	public NoPrivateKeyException(String deviceName) {
		super("Keysmith holds no private key for device '" + deviceName
				+ "': its certificate was imported without one");
	}

}

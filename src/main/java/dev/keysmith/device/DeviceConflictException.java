package dev.keysmith.device;

import dev.keysmith.common.ConflictException;

/**
 * The request clashes with a device that exists, e.g. a second device with the same name.
 */
public class DeviceConflictException extends ConflictException {

	public DeviceConflictException(String message) {
		super(message);
	}

}

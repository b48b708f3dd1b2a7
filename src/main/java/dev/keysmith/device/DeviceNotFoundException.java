package dev.keysmith.device;

import java.util.UUID;

/** No device with that id (anymore). */
public class DeviceNotFoundException extends RuntimeException {

	public DeviceNotFoundException(UUID id) {
		super("No device with id '" + id + "'");
	}

}

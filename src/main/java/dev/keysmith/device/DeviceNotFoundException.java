package dev.keysmith.device;

import java.util.UUID;

import dev.keysmith.common.NotFoundException;

/** No device with that id (anymore). */
public class DeviceNotFoundException extends NotFoundException {

	public DeviceNotFoundException(UUID id) {
		super("No device with id '" + id + "'");
	}

}

package dev.keysmith.device;

/** The request clashes with a device that exists, e.g. a second device with the same name. */
public class DeviceConflictException extends RuntimeException {

	public DeviceConflictException(String message) {
		super(message);
	}

}

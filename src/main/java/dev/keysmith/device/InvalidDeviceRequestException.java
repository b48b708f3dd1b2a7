package dev.keysmith.device;

import dev.keysmith.common.InvalidRequestException;

/** A request about devices that cannot be carried out as given; the message says why. */
public class InvalidDeviceRequestException extends InvalidRequestException {

	public InvalidDeviceRequestException(String field, String message) {
		super(field, message);
	}

}

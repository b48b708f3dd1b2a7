package dev.keysmith.device;

/** A request about devices that cannot be carried out as given; the message says why. */
public class InvalidDeviceRequestException extends RuntimeException {

	private final String field;

	public InvalidDeviceRequestException(String field, String message) {
		super(message);
		this.field = field;
	}

	/** The input the problem is with (form field or API member), or {@code null}. */
	public String getField() {
		return this.field;
	}

}

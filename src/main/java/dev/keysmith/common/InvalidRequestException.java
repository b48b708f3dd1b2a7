package dev.keysmith.common;

/** A request that cannot be carried out as given; the message says why (400). */
public class InvalidRequestException extends RuntimeException {

	private final String field;

	public InvalidRequestException(String field, String message) {
		super(message);
		this.field = field;
	}

	/** The input at fault (form field or API member), or {@code null}. */
	public String getField() {
		return this.field;
	}

}

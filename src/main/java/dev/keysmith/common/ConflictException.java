package dev.keysmith.common;

/** The request clashes with what exists, e.g. a second item with the same name (409). */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}

}

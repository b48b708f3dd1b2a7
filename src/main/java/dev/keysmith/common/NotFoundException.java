package dev.keysmith.common;

/** The thing asked for does not exist (404 in the API, the error page on pages). */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}

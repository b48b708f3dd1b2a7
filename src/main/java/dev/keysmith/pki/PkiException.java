package dev.keysmith.pki;

/**
 * Input that cannot be turned into a usable device credential. The message is meant for
 * the operator: it names what was wrong and, where it can, what to do instead.
 */
public class PkiException extends RuntimeException {

	public PkiException(String message) {
		super(message);
	}

	public PkiException(String message, Throwable cause) {
		super(message, cause);
	}

}

package dev.keysmith.push;

/** A push that did not end with proven credentials: why, in a type and in plain words. */
public class PushException extends RuntimeException {

	private final PushFailure failure;

	public PushException(PushFailure failure, String message) {
		super(message);
		this.failure = failure;
	}

	public PushException(PushFailure failure, String message, Throwable cause) {
		super(message, cause);
		this.failure = failure;
	}

	public PushFailure getFailure() {
		return this.failure;
	}

}

package dev.keysmith.thingsboard;

/** A push that did not end with proven credentials; the message says why in plain words. */
public class PushException extends RuntimeException {

	private final int httpStatus;

	public PushException(int httpStatus, String message) {
		super(message);
		this.httpStatus = httpStatus;
	}

	public PushException(int httpStatus, String message, Throwable cause) {
		super(message, cause);
		this.httpStatus = httpStatus;
	}

	/** The status the API answers with: 409 for conflicts, 422 for an unusable certificate, 502 for ThingsBoard. */
	public int getHttpStatus() {
		return this.httpStatus;
	}

}

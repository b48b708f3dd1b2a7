package dev.keysmith.push;

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

	/**
	 * The status the API answers with: 409 for conflicts, 422 for an unusable certificate, 502
	 * when ThingsBoard refused or failed, 503 when Keysmith did not call it (busy, or not
	 * answering lately), 504 when it did not answer.
	 */
	public int getHttpStatus() {
		return this.httpStatus;
	}

}

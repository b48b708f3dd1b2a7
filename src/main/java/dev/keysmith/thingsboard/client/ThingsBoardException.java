package dev.keysmith.thingsboard.client;

/**
 * Everything that goes wrong talking to ThingsBoard, translated once: the HTTP status (0
 * when no answer came), ThingsBoard's {@code errorCode} and message when it sent them,
 * and a message in plain words for the operator.
 */
public class ThingsBoardException extends RuntimeException {

	/** errorCode of a failed login. */
	public static final int AUTHENTICATION_FAILED = 10;

	/** errorCode of an expired access token. */
	public static final int JWT_EXPIRED = 11;

	public static final int PERMISSION_DENIED = 20;

	public static final int BAD_REQUEST_PARAMS = 31;

	public static final int ITEM_NOT_FOUND = 32;

	public static final int TOO_MANY_REQUESTS = 33;

	public static final int VERSION_CONFLICT = 35;

	private final int httpStatus;

	private final Integer errorCode;

	private final String serverMessage;

	public ThingsBoardException(int httpStatus, Integer errorCode, String serverMessage, String message) {
		super(message);
		this.httpStatus = httpStatus;
		this.errorCode = errorCode;
		this.serverMessage = serverMessage;
	}

	public ThingsBoardException(String message, Throwable cause) {
		super(message, cause);
		this.httpStatus = 0;
		this.errorCode = null;
		this.serverMessage = null;
	}

	/** The HTTP status ThingsBoard answered, or 0 when it did not answer. */
	public int getHttpStatus() {
		return this.httpStatus;
	}

	public Integer getErrorCode() {
		return this.errorCode;
	}

	/** What kind of failure this is, for those who count, retry or explain failures. */
	public Kind kind() {
		if (this.httpStatus == 0) {
			return Kind.NO_ANSWER;
		}
		if (this.httpStatus == 429) {
			return Kind.RATE_LIMITED;
		}
		return (this.httpStatus >= 500) ? Kind.FAILED : Kind.REFUSED;
	}

	/** ThingsBoard's own message, verbatim. */
	public String getServerMessage() {
		return this.serverMessage;
	}

	public boolean isNotFound() {
		return this.httpStatus == 404;
	}

	boolean isExpiredToken() {
		return this.httpStatus == 401 && Integer.valueOf(JWT_EXPIRED).equals(this.errorCode);
	}

	boolean isRateLimited() {
		return this.httpStatus == 429;
	}

	/** No answer, or a 5xx: the server may be fine a moment later. */
	boolean isTransient() {
		return this.httpStatus == 0 || this.httpStatus >= 500;
	}

	/**
	 * ThingsBoard was asked and said nothing: a write may or may not have been carried
	 * out.
	 */
	public boolean isUnanswered() {
		return this.httpStatus == 0 && !(this instanceof ThingsBoardUnavailableException);
	}

	/**
	 * "Device credentials are already assigned to another device!" or its race-time twin.
	 */
	public boolean isCredentialsTaken() {
		return isCredentialsTaken(this.httpStatus, this.serverMessage);
	}

	static boolean isCredentialsTaken(int httpStatus, String serverMessage) {
		return httpStatus == 400 && serverMessage != null
				&& (serverMessage.contains("already assigned to another device")
						|| serverMessage.contains("Specified credentials are already registered"));
	}

	/**
	 * ThingsBoard refused to create a device because one of that name exists (400,
	 * "Device with such name already exists!"): after a look-up found none, it was
	 * created at the same moment, perhaps by a request of ours whose answer was lost.
	 */
	public boolean isNameTaken() {
		return this.httpStatus == 400 && this.serverMessage != null
				&& this.serverMessage.contains("Device with such name already exists");
	}

	/** The kinds of failure, by what ThingsBoard did. */
	public enum Kind {

		/**
		 * Keysmith did not call it: too many calls to it at once, or it has not answered
		 * lately.
		 */
		NOT_CALLED(true),

		/** It did not answer in time, or could not be reached. */
		NO_ANSWER(true),

		/** It answered 429: it limits the requests of this tenant. */
		RATE_LIMITED(true),

		/** It refused the request (4xx). */
		REFUSED(false),

		/** It failed (5xx). */
		FAILED(true);

		private final boolean transient_;

		Kind(boolean transient_) {
			this.transient_ = transient_;
		}

		/** Whether the same call may well work a little later. */
		public boolean isTransient() {
			return this.transient_;
		}

	}

}

package dev.keysmith.push;

import dev.keysmith.thingsboard.client.ThingsBoardException;

/**
 * Why a push did not end with proven credentials: what batches count and what decides a
 * retry.
 */
public enum PushFailure {

	/**
	 * The certificate has expired: ThingsBoard would end every handshake with
	 * BAD_CERTIFICATE.
	 */
	CERTIFICATE_EXPIRED(false),

	/** The certificate is not valid yet. */
	CERTIFICATE_NOT_YET_VALID(false),

	/** Another device on that server holds the certificate as its credentials. */
	CREDENTIALS_TAKEN(false),

	/** Someone changed the device in ThingsBoard at the same moment. */
	CONCURRENT_CHANGE(true),

	/** ThingsBoard stored credentials that do not hash like the certificate. */
	CREDENTIALS_MISMATCH(false),

	/** ThingsBoard refused the request (4xx). */
	THINGSBOARD_REFUSED(false),

	/** ThingsBoard failed (5xx). */
	THINGSBOARD_FAILED(true),

	/** ThingsBoard limits the tenant's requests (429). */
	RATE_LIMITED(true),

	/**
	 * Keysmith did not call ThingsBoard: too many calls to it at once, or it has not
	 * answered lately.
	 */
	THINGSBOARD_UNAVAILABLE(true),

	/** ThingsBoard did not answer in time. */
	NO_ANSWER(true);

	private final boolean retryable;

	PushFailure(boolean retryable) {
		this.retryable = retryable;
	}

	/** Whether the same push may well succeed a little later. */
	public boolean isRetryable() {
		return this.retryable;
	}

	/** The failure a ThingsBoard call's failure makes of a push. */
	public static PushFailure of(ThingsBoardException ex) {
		if (ex.isCredentialsTaken()) {
			return CREDENTIALS_TAKEN;
		}
		if (ex.getHttpStatus() == 409) {
			return CONCURRENT_CHANGE;
		}
		return switch (ex.kind()) {
			case NOT_CALLED -> THINGSBOARD_UNAVAILABLE;
			case NO_ANSWER -> NO_ANSWER;
			case RATE_LIMITED -> RATE_LIMITED;
			case REFUSED -> THINGSBOARD_REFUSED;
			case FAILED -> THINGSBOARD_FAILED;
		};
	}

}

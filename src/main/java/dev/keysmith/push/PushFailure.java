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
	CERTIFICATE_EXPIRED(false, "The certificate has expired."),

	/** The certificate is not valid yet. */
	CERTIFICATE_NOT_YET_VALID(false, "The certificate is not valid yet."),

	/** The certificate was revoked: it never goes to ThingsBoard again. */
	CERTIFICATE_REVOKED(false, "The certificate is revoked: it is never pushed again."),

	/** Another device on that server holds the certificate as its credentials. */
	CREDENTIALS_TAKEN(false, "Another device on the server holds this certificate."),

	/** Someone changed the device in ThingsBoard at the same moment. */
	CONCURRENT_CHANGE(true, "Someone changed the device in ThingsBoard at the same moment."),

	/** ThingsBoard stored credentials that do not hash like the certificate. */
	CREDENTIALS_MISMATCH(false, "ThingsBoard stored credentials that do not match the certificate."),

	/** ThingsBoard refused the request (4xx). */
	THINGSBOARD_REFUSED(false, "ThingsBoard refused the request (4xx)."),

	/** ThingsBoard failed (5xx). */
	THINGSBOARD_FAILED(true, "ThingsBoard failed (5xx) every time it was tried."),

	/** ThingsBoard limits the tenant's requests (429). */
	RATE_LIMITED(true, "ThingsBoard limited the requests (429) every time it was tried."),

	/**
	 * Keysmith did not call ThingsBoard: too many calls to it at once, or it has not
	 * answered lately.
	 */
	THINGSBOARD_UNAVAILABLE(true,
			"ThingsBoard could not be reached: it did not answer lately, or too many calls were waiting."),

	/** ThingsBoard did not answer in time. */
	NO_ANSWER(true, "ThingsBoard did not answer in time.");

	private final boolean retryable;

	private final String summary;

	PushFailure(boolean retryable, String summary) {
		this.retryable = retryable;
		this.summary = summary;
	}

	/** In plain words, one sentence: what a failures table says beside the count. */
	public String summary() {
		return this.summary;
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
		if (ex.getHttpStatus() == 409 || ex.isNameTaken()) {
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

package dev.keysmith.verify;

/**
 * Why a verification run failed, as a code: what batches count and what decides whether a
 * retry is worth it. The run's diagnosis says the same in plain words.
 */
public enum Cause {

	/** The CoAP host does not resolve. */
	HOST_UNKNOWN(false, "The CoAP host does not resolve."),

	/** No answer to the DTLS handshake: DTLS off, UDP blocked, wrong host. */
	HANDSHAKE_TIMEOUT(true, "No answer to the DTLS handshake: DTLS off, UDP blocked or the wrong host."),

	/** Keysmith does not trust the server's DTLS certificate. */
	SERVER_NOT_TRUSTED(false,
			"Keysmith does not trust the server's DTLS certificate: confirm its CA on the server page."),

	/** The device certificate has expired. */
	CERT_EXPIRED(false, "The device certificate has expired."),

	/** The device certificate is not valid yet. */
	CERT_NOT_YET_VALID(false, "The device certificate is not valid yet."),

	/** The server refused a valid certificate: its clock is wrong. */
	CLOCK_SKEW(false, "The server refused a valid certificate: its clock is wrong."),

	/** The server ended the handshake with another alert. */
	HANDSHAKE_REFUSED(false, "The server ended the DTLS handshake with an alert."),

	/** 4.01: no device holds the certificate on that server. */
	NOT_REGISTERED(false, "The server refused the device (4.01): no device holds the certificate."),

	/**
	 * 4.01: the device holds other credentials, or a value that does not hash the same.
	 */
	OTHER_CREDENTIALS(false, "The server refused the device (4.01): it holds other credentials."),

	/** 4.01: the device's profile refuses CoAP. */
	MQTT_PROFILE(false, "The device's profile refuses CoAP."),

	/**
	 * 4.01: the certificate is signed with a hash the server does not ask for, so it was
	 * not sent.
	 */
	SIGNATURE_ALGORITHM(false, "The certificate is signed with a hash the server does not ask for."),

	/** 4.01 with everything registered right: a session from before the push. */
	STALE_SESSION(true, "The server refused a rightly registered device: a session from before the push."),

	/** 4.01, and ThingsBoard's REST API could not say why. */
	UNAUTHORIZED(true, "The server refused the device (4.01) and its REST API could not say why."),

	/** 4.00: the payload is not JSON. */
	BAD_PAYLOAD(false, "The server refused the telemetry as not JSON (4.00)."),

	/** 5.00 or another answer than 2.01: a server-side failure or a rate limit. */
	SERVER_ERROR(true, "The server failed or limited the telemetry (5.00)."),

	/** A CoAP request got no response after the handshake. */
	NO_RESPONSE(true, "A CoAP request got no response after the handshake."),

	/** The telemetry was taken but is not stored (rule chain). */
	NOT_STORED(false, "The telemetry was taken but not stored (the rule chain)."),

	/** The telemetry was taken, but no device of that name exists to read it from. */
	OTHER_DEVICE_NAME(false, "The telemetry was taken, but no device of that name exists to read it from."),

	/** ThingsBoard's REST API refused or failed during the run. */
	REST_FAILED(true, "ThingsBoard's REST API failed during the verification."),

	/** Observing the shared attributes failed. */
	NO_OBSERVATION(false, "Observing the shared attributes failed."),

	/** A shared attribute change never reached the device. */
	NO_DOWNLINK(false, "A shared attribute change never reached the device."),

	/** The probe attribute could not be removed afterwards. */
	CLEAN_UP_FAILED(true, "The probe attribute could not be removed afterwards."),

	/** The Keysmith instance running it stopped. */
	INTERRUPTED(true, "Keysmith stopped while the verification ran."),

	/** Keysmith itself failed. */
	KEYSMITH_ERROR(true, "Keysmith failed unexpectedly; the detail says how.");

	private final boolean retryable;

	private final String summary;

	Cause(boolean retryable, String summary) {
		this.retryable = retryable;
		this.summary = summary;
	}

	/** In plain words, one sentence: what a failures table says beside the count. */
	public String summary() {
		return this.summary;
	}

	/** Whether the same run may well pass a little later, with nothing changed. */
	public boolean isRetryable() {
		return this.retryable;
	}

}

package dev.keysmith.verify;

/**
 * Why a verification run failed, as a code: what batches count and what decides whether a
 * retry is worth it. The run's diagnosis says the same in plain words.
 */
public enum Cause {

	/** The CoAP host does not resolve. */
	HOST_UNKNOWN(false),

	/** No answer to the DTLS handshake: DTLS off, UDP blocked, wrong host. */
	HANDSHAKE_TIMEOUT(true),

	/** Keysmith does not trust the server's DTLS certificate. */
	SERVER_NOT_TRUSTED(false),

	/** The device certificate has expired. */
	CERT_EXPIRED(false),

	/** The device certificate is not valid yet. */
	CERT_NOT_YET_VALID(false),

	/** The server refused a valid certificate: its clock is wrong. */
	CLOCK_SKEW(false),

	/** The server ended the handshake with another alert. */
	HANDSHAKE_REFUSED(false),

	/** 4.01: no device holds the certificate on that server. */
	NOT_REGISTERED(false),

	/**
	 * 4.01: the device holds other credentials, or a value that does not hash the same.
	 */
	OTHER_CREDENTIALS(false),

	/** 4.01: the device's profile refuses CoAP. */
	MQTT_PROFILE(false),

	/**
	 * 4.01: the certificate is signed with a hash the server does not ask for, so it was
	 * not sent.
	 */
	SIGNATURE_ALGORITHM(false),

	/** 4.01 with everything registered right: a session from before the push. */
	STALE_SESSION(true),

	/** 4.01, and ThingsBoard's REST API could not say why. */
	UNAUTHORIZED(true),

	/** 4.00: the payload is not JSON. */
	BAD_PAYLOAD(false),

	/** 5.00 or another answer than 2.01: a server-side failure or a rate limit. */
	SERVER_ERROR(true),

	/** A CoAP request got no response after the handshake. */
	NO_RESPONSE(true),

	/** The telemetry was taken but is not stored (rule chain). */
	NOT_STORED(false),

	/** The telemetry was taken, but no device of that name exists to read it from. */
	OTHER_DEVICE_NAME(false),

	/** ThingsBoard's REST API refused or failed during the run. */
	REST_FAILED(true),

	/** Observing the shared attributes failed. */
	NO_OBSERVATION(false),

	/** A shared attribute change never reached the device. */
	NO_DOWNLINK(false),

	/** The probe attribute could not be removed afterwards. */
	CLEAN_UP_FAILED(true),

	/** The Keysmith instance running it stopped. */
	INTERRUPTED(true),

	/** Keysmith itself failed. */
	KEYSMITH_ERROR(true);

	private final boolean retryable;

	Cause(boolean retryable) {
		this.retryable = retryable;
	}

	/** Whether the same run may well pass a little later, with nothing changed. */
	public boolean isRetryable() {
		return this.retryable;
	}

}

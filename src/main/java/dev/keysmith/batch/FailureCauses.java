package dev.keysmith.batch;

import java.util.Map;

/**
 * Each cause a batch item can fail with, in the plain words the batch page shows beside
 * its count.
 */
final class FailureCauses {

	private static final Map<String, String> WORDS = Map.ofEntries(
			Map.entry("NAME_TAKEN", "A Keysmith device of this name already exists."),
			Map.entry("INVALID_ROW", "Keysmith refused the row's name, certificate or key."),
			Map.entry("EXISTS_IN_THINGSBOARD", "ThingsBoard already has a device of this name with other credentials."),
			Map.entry("RATE_LIMITED", "ThingsBoard limited the requests (429) every time it was tried."),
			Map.entry("THINGSBOARD_FAILED", "ThingsBoard failed (5xx) every time it was tried."),
			Map.entry("THINGSBOARD_UNAVAILABLE",
					"ThingsBoard could not be reached: it did not answer lately, or too many calls were waiting."),
			Map.entry("NO_ANSWER", "ThingsBoard did not answer in time."),
			Map.entry("THINGSBOARD_REFUSED", "ThingsBoard refused the request (4xx)."),
			Map.entry("CREDENTIALS_TAKEN", "Another device on the server holds this certificate."),
			Map.entry("CREDENTIALS_MISMATCH", "ThingsBoard stored credentials that do not match the certificate."),
			Map.entry("CONCURRENT_CHANGE", "Someone changed the device in ThingsBoard at the same moment."),
			Map.entry("CERTIFICATE_EXPIRED", "The certificate has expired."),
			Map.entry("CERTIFICATE_NOT_YET_VALID", "The certificate is not valid yet."),
			Map.entry("KEYSMITH_BUSY", "Keysmith had no free place for the verification in time."),
			Map.entry("KEYSMITH_ERROR", "Keysmith failed unexpectedly; the detail says how."),
			Map.entry("HANDSHAKE_TIMEOUT", "No answer to the DTLS handshake: DTLS off, UDP blocked or the wrong host."),
			Map.entry("SERVER_NOT_TRUSTED",
					"Keysmith does not trust the server's DTLS certificate: confirm its CA on the server page."),
			Map.entry("NOT_REGISTERED", "The server refused the device (4.01): no device holds the certificate."),
			Map.entry("OTHER_CREDENTIALS", "The server refused the device (4.01): it holds other credentials."),
			Map.entry("MQTT_PROFILE", "The device's profile refuses CoAP."),
			Map.entry("SERVER_ERROR", "The server failed or limited the telemetry (5.00)."),
			Map.entry("NOT_STORED", "The telemetry was taken but not stored (the rule chain)."),
			Map.entry("NO_RESPONSE", "A CoAP request got no response after the handshake."),
			Map.entry("REST_FAILED", "ThingsBoard's REST API failed during the verification."),
			Map.entry("INTERRUPTED", "Keysmith stopped while the verification ran."));

	private FailureCauses() {
	}

	static String explain(String cause) {
		return WORDS.getOrDefault(cause, "See each item's detail.");
	}

}

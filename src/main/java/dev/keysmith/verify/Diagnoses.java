package dev.keysmith.verify;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.thingsboard.client.ThingsBoardClient;
import dev.keysmith.thingsboard.client.ThingsBoardException;
import dev.keysmith.thingsboard.client.dto.TbCredentials;
import dev.keysmith.thingsboard.client.dto.TbDevice;
import dev.keysmith.thingsboard.client.dto.TbProfile;

/**
 * ThingsBoard's symptoms after a completed handshake (docs/thingsboard.md, "Symptom →
 * cause"): the cause, in plain words with what to do. What a failed handshake means is
 * {@code dtls.HandshakeFailure}.
 */
final class Diagnoses {

	private Diagnoses() {
	}

	/**
	 * A 4.01 after a good handshake: asks ThingsBoard's REST API which of the contract's
	 * causes it is.
	 */
	static Diagnosis unauthorized(ThingsBoardClient rest, String deviceName, X509Certificate certificate) {
		String expected = Fingerprints.thingsBoardCredentialsId(certificate);
		String prefix = "ThingsBoard answered 4.01 Unauthorized after a good handshake: ";
		try {
			Optional<TbDevice> device = rest.findDeviceByName(deviceName);
			if (device.isEmpty()) {
				return new Diagnosis(Cause.NOT_REGISTERED,
						prefix + "the certificate is not registered with this server " + "(there is no device named '"
								+ deviceName + "'). Push it from the device page, then verify again.");
			}
			TbCredentials credentials = rest.credentials(device.get().id().id());
			if (!credentials.holdCertificate(expected)) {
				return new Diagnosis(Cause.OTHER_CREDENTIALS,
						prefix + (!TbCredentials.X509_CERTIFICATE.equals(credentials.credentialsType())
								? "the device '" + deviceName + "' has " + credentials.credentialsType()
										+ " credentials, not this certificate. Push the certificate."
								: "the device '" + deviceName
										+ "' holds another certificate, or one stored with a value that "
										+ "does not hash the same (credentialsId " + credentials.credentialsId()
										+ ", this certificate " + expected
										+ "). Push again from Keysmith, which sends exactly one certificate."));
			}
			List<TbProfile> profiles = rest.deviceProfiles();
			Optional<TbProfile> profile = profiles.stream()
				.filter((p) -> p.id().id().equals(device.get().deviceProfileId().id()))
				.findFirst();
			if (profile.isPresent() && !profile.get().acceptsCoap()) {
				return new Diagnosis(Cause.MQTT_PROFILE,
						prefix + "the device's profile '" + profile.get().name() + "' has transport "
								+ profile.get().transportType()
								+ ", which refuses CoAP devices. Move the device to a DEFAULT or COAP profile.");
			}
			if (!Certificates.isSignedWithSha256(certificate)) {
				return new Diagnosis(Cause.SIGNATURE_ALGORITHM, prefix
						+ "the certificate is registered, but it is signed " + "with " + certificate.getSigAlgName()
						+ ", which ThingsBoard's DTLS server does not accept for "
						+ "client certificates by default, so the device connected without it. Issue a certificate "
						+ "signed with SHA-256 and push it.");
			}
			return new Diagnosis(Cause.STALE_SESSION, prefix
					+ "the certificate is registered correctly, so ThingsBoard "
					+ "most likely holds a DTLS session from before the push, which stays unauthorised (its session cache "
					+ "keeps it up to 24 h). Verify again: each run uses a new connection.");
		}
		catch (ThingsBoardException ex) {
			return new Diagnosis(Cause.UNAUTHORIZED, prefix + "the certificate is not registered, registered with a "
					+ "value that does not hash the same, on an MQTT-only profile, or a stale session. (Keysmith could "
					+ "not ask ThingsBoard which: " + ex.getMessage() + ")");
		}
	}

	static Diagnosis badRequest(String payload) {
		return new Diagnosis(Cause.BAD_PAYLOAD,
				"ThingsBoard answered 4.00 Bad Request: it could not read the telemetry as JSON (" + payload
						+ "). Send a JSON object such as {\"temperature\":43}.");
	}

	static Diagnosis serverError() {
		return new Diagnosis(Cause.SERVER_ERROR,
				"ThingsBoard answered 5.00: a server-side processing error or a rate limit. Try again in a moment; if "
						+ "it persists, see ThingsBoard's log and the tenant's rate limits.");
	}

	static Diagnosis noResponse(String what, long seconds) {
		return new Diagnosis(Cause.NO_RESPONSE, "The handshake succeeded, but " + what + " got no CoAP response within "
				+ seconds
				+ " s: the server may be overloaded, or UDP from the server back to Keysmith is lost (NAT or firewall).");
	}

	static Diagnosis notStored(String keys) {
		return new Diagnosis(Cause.NOT_STORED,
				"ThingsBoard accepted the telemetry (2.01), but its REST API does not show the new value of " + keys
						+ ": the device profile's rule chain most likely does not save timeseries (check for a \"save "
						+ "timeseries\" node).");
	}

	static Diagnosis noFirstNotification(long seconds) {
		return new Diagnosis(Cause.NO_OBSERVATION, "Observing /api/v1/attributes got no first notification within "
				+ seconds + " s: ThingsBoard's CoAP transport did not register the observation.");
	}

	static Diagnosis noRoundTrip(long seconds) {
		return new Diagnosis(Cause.NO_DOWNLINK,
				"The shared attribute was set through the REST API, but no notification reached the device within "
						+ seconds
						+ " s: ThingsBoard does not push attribute updates to this CoAP device (check the device "
						+ "profile's CoAP settings and rule chain, and that UDP from the server reaches the device).");
	}

}

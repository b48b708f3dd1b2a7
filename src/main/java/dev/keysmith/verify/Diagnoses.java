package dev.keysmith.verify;

import dev.keysmith.dtls.HandshakeReport;
import dev.keysmith.dtls.ServerTrust;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.thingsboard.client.ThingsBoardClient;
import dev.keysmith.thingsboard.client.ThingsBoardException;
import dev.keysmith.thingsboard.ThingsBoardServer;
import dev.keysmith.thingsboard.client.dto.TbCredentials;
import dev.keysmith.thingsboard.client.dto.TbDevice;
import dev.keysmith.thingsboard.client.dto.TbProfile;

/** The contract's symptom → cause table, in plain words with what to do. */
final class Diagnoses {

	private Diagnoses() {
	}

	static String handshakeTimeout(ThingsBoardServer server, HandshakeReport handshake) {
		return ("No answer to the DTLS handshake from %s:%d (%d retransmissions, %.1f s). Most likely DTLS is not "
				+ "enabled in ThingsBoard (COAP_DTLS_ENABLED=true with its certificate), UDP %d is not reachable or not "
				+ "published (Docker: \"%d:%d/udp\"), or the CoAP host is wrong. The server's pre-flight check tests this "
				+ "alone.").formatted(server.getCoapHost(), server.getCoapPort(), handshake.retransmittedFlights().size(),
						handshake.durationMillis() / 1000.0, server.getCoapPort(), server.getCoapPort(),
						server.getCoapPort());
	}

	static String serverNotTrusted(ThingsBoardServer server, HandshakeReport handshake, ServerTrust trust,
			String presented) {
		return ("Keysmith does not trust the DTLS server's certificate (%s), checked against %s%s. The server presents "
				+ "%s. Fetch ThingsBoard's CA on the server page (or paste it) and confirm it, or pin the server "
				+ "certificate; if you connect by a name or address the certificate does not carry, turn the host name "
				+ "check off for this server.").formatted(handshake.failure(), trust.describe(),
						server.isVerifyHostName() ? " for the name " + server.getCoapHost() : "", presented);
	}

	static String badCertificate(X509Certificate certificate, Instant now) {
		String validity = "valid from " + Evidence.DATE.format(certificate.getNotBefore().toInstant()) + " to "
				+ Evidence.DATE.format(certificate.getNotAfter().toInstant());
		if (now.isAfter(certificate.getNotAfter().toInstant())) {
			return "ThingsBoard refused the device certificate during the handshake (fatal alert BAD_CERTIFICATE): it "
					+ "has expired (" + validity + "). Issue a new certificate and push it.";
		}
		if (now.isBefore(certificate.getNotBefore().toInstant())) {
			return "ThingsBoard refused the device certificate during the handshake (fatal alert BAD_CERTIFICATE): it "
					+ "is not valid yet (" + validity + ").";
		}
		return "ThingsBoard refused the device certificate during the handshake (fatal alert BAD_CERTIFICATE). It is "
				+ validity + ", so the server's clock is probably wrong (behind or ahead): check its time (NTP).";
	}

	static String alert(String alert) {
		return "The server ended the DTLS handshake with " + alert
				+ ". The evidence shows the handshake as far as it went.";
	}

	/**
	 * A 4.01 after a good handshake: asks ThingsBoard's REST API which of the contract's
	 * causes it is.
	 */
	static String unauthorized(ThingsBoardClient rest, String deviceName, X509Certificate certificate) {
		String expected = Fingerprints.thingsBoardCredentialsId(certificate);
		String prefix = "ThingsBoard answered 4.01 Unauthorized after a good handshake: ";
		try {
			Optional<TbDevice> device = rest.findDeviceByName(deviceName);
			if (device.isEmpty()) {
				return prefix + "the certificate is not registered with this server (there is no device named '"
						+ deviceName + "'). Push it from the device page, then verify again.";
			}
			TbCredentials credentials = rest.credentials(device.get().id().id());
			if (!TbCredentials.X509_CERTIFICATE.equals(credentials.credentialsType())) {
				return prefix + "the device '" + deviceName + "' has " + credentials.credentialsType()
						+ " credentials, not this certificate. Push the certificate.";
			}
			if (!expected.equals(credentials.credentialsId())) {
				return prefix + "the device '" + deviceName + "' holds another certificate, or one stored with a value "
						+ "that does not hash the same (credentialsId " + credentials.credentialsId() + ", this certificate "
						+ expected + "). Push again from Keysmith, which sends exactly one certificate.";
			}
			List<TbProfile> profiles = rest.deviceProfiles();
			Optional<TbProfile> profile = profiles.stream()
				.filter((p) -> p.id().id().equals(device.get().deviceProfileId().id()))
				.findFirst();
			if (profile.isPresent() && !profile.get().acceptsCoap()) {
				return prefix + "the device's profile '" + profile.get().name() + "' has transport "
						+ profile.get().transportType()
						+ ", which refuses CoAP devices. Move the device to a DEFAULT or COAP profile.";
			}
			if (!Certificates.isSignedWithSha256(certificate)) {
				return prefix + "the certificate is registered, but it is signed with " + certificate.getSigAlgName()
						+ ", which ThingsBoard's DTLS server does not accept for client certificates by default, so the "
						+ "device connected without it. Issue a certificate signed with SHA-256 and push it.";
			}
			return prefix + "the certificate is registered correctly, so ThingsBoard most likely holds a DTLS session "
					+ "from before the push, which stays unauthorised (its session cache keeps it up to 24 h). Verify "
					+ "again: each run uses a new connection.";
		}
		catch (ThingsBoardException ex) {
			return prefix + "the certificate is not registered, registered with a value that does not hash the same, "
					+ "on an MQTT-only profile, or a stale session. (Keysmith could not ask ThingsBoard which: "
					+ ex.getMessage() + ")";
		}
	}

	static String badRequest(String payload) {
		return "ThingsBoard answered 4.00 Bad Request: it could not read the telemetry as JSON (" + payload
				+ "). Send a JSON object such as {\"temperature\":43}.";
	}

	static String serverError() {
		return "ThingsBoard answered 5.00: a server-side processing error or a rate limit. Try again in a moment; if "
				+ "it persists, see ThingsBoard's log and the tenant's rate limits.";
	}

	static String noResponse(String what, long seconds) {
		return "The handshake succeeded, but " + what + " got no CoAP response within " + seconds
				+ " s: the server may be overloaded, or UDP from the server back to Keysmith is lost (NAT or firewall).";
	}

	static String notStored(String keys) {
		return "ThingsBoard accepted the telemetry (2.01), but its REST API does not show the new value of " + keys
				+ ": the device profile's rule chain most likely does not save timeseries (check for a \"save "
				+ "timeseries\" node).";
	}

	static String noFirstNotification(long seconds) {
		return "Observing /api/v1/attributes got no first notification within " + seconds
				+ " s: ThingsBoard's CoAP transport did not register the observation.";
	}

	static String noRoundTrip(long seconds) {
		return "The shared attribute was set through the REST API, but no notification reached the device within "
				+ seconds + " s: ThingsBoard does not push attribute updates to this CoAP device (check the device "
				+ "profile's CoAP settings and rule chain, and that UDP from the server reaches the device).";
	}

}

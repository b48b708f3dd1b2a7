package dev.keysmith.dtls;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import dev.keysmith.common.Dates;
import dev.keysmith.pki.Certificates;

/**
 * What a DTLS handshake with a ThingsBoard server that did not complete means, in plain
 * words with what to do: the one explanation that verification runs and the pre-flight
 * check give.
 *
 * @param kind which of the known causes it is
 * @param summary what happened, in a few words
 * @param diagnosis what it most likely means and what to do
 * @param presented the certificates the server presents, when Keysmith refused them (else
 * empty)
 */
public record HandshakeFailure(Kind kind, String summary, String diagnosis, List<X509Certificate> presented) {

	/** The known causes of a handshake that did not complete. */
	public enum Kind {

		/** No answer: DTLS off, UDP not reachable, or the wrong host. */
		NO_ANSWER,

		/** Keysmith refused the server's certificate. */
		SERVER_NOT_TRUSTED,

		/** The server refused the client certificate: it has expired. */
		CERTIFICATE_EXPIRED,

		/** The server refused the client certificate: it is not valid yet. */
		CERTIFICATE_NOT_YET_VALID,

		/** The server refused a client certificate that is valid: its clock is wrong. */
		SERVER_CLOCK,

		/** The server ended the handshake with another alert. */
		REFUSED_BY_SERVER

	}

	/**
	 * @param report the handshake as it went
	 * @param timedOut whether it was given up for want of an answer
	 * @param peer the server it was with
	 * @param trust how Keysmith checked the server's certificate
	 * @param clientCertificate the certificate Keysmith presented
	 * @param reveal a second handshake that checks nothing, to show what the server
	 * presents; called only when Keysmith refused the server
	 */
	public static HandshakeFailure of(HandshakeReport report, boolean timedOut, DtlsPeer peer, ServerTrust trust,
			X509Certificate clientCertificate, Instant now, Supplier<HandshakeReport> reveal) {
		if (timedOut || report.failure() == null) {
			int port = peer.address().getPort();
			return new HandshakeFailure(Kind.NO_ANSWER, "No answer from the server",
					("No answer to the DTLS handshake from %s:%d (%d retransmissions, %.1f s). Most likely DTLS is not "
							+ "enabled in ThingsBoard (COAP_DTLS_ENABLED=true with its certificate), UDP %d is not "
							+ "reachable or not published (Docker: \"%d:%d/udp\"), or the CoAP host is wrong.")
						.formatted(peer.host(), port, report.retransmittedFlights().size(),
								report.durationMillis() / 1000.0, port, port, port),
					List.of());
		}
		if (report.alert() != null) {
			return refusedByServer(report.alert(), clientCertificate, now);
		}
		HandshakeReport presented = reveal.get();
		return new HandshakeFailure(Kind.SERVER_NOT_TRUSTED, "Keysmith refused the server's certificate",
				("Keysmith does not trust the DTLS server's certificate (%s), checked against %s%s. The server presents "
						+ "%s. Fetch ThingsBoard's CA on the server page (or paste it, or take it from a handshake) and "
						+ "confirm it, or pin the server certificate; if you connect by a name or address the "
						+ "certificate does not carry, turn the host name check off for this server.")
					.formatted(report.failure(), trust.describe(),
							peer.verifyHostName() ? " for the name " + peer.host() : "",
							ServerCertificateProbe.describe(presented)),
				presented.serverChain());
	}

	private static HandshakeFailure refusedByServer(String alert, X509Certificate certificate, Instant now) {
		String summary = "The server sent " + alert;
		if (!alert.endsWith("BAD_CERTIFICATE")) {
			return new HandshakeFailure(Kind.REFUSED_BY_SERVER, summary, "The server ended the DTLS handshake with "
					+ alert + ". The evidence shows the handshake as far as it went.", List.of());
		}
		String refused = "ThingsBoard refused the client certificate during the handshake (fatal alert BAD_CERTIFICATE)";
		String validity = "valid from " + Dates.moment(certificate.getNotBefore().toInstant()) + " to "
				+ Dates.moment(certificate.getNotAfter().toInstant());
		return switch (Certificates.validity(certificate, now)) {
			case EXPIRED -> new HandshakeFailure(Kind.CERTIFICATE_EXPIRED, summary,
					refused + ": it has expired (" + validity + "). Issue a new certificate and push it.", List.of());
			case NOT_YET_VALID -> new HandshakeFailure(Kind.CERTIFICATE_NOT_YET_VALID, summary,
					refused + ": it is not valid yet (" + validity + ").", List.of());
			case VALID -> new HandshakeFailure(Kind.SERVER_CLOCK, summary,
					refused + ". It is " + validity
							+ ", so the server's clock is probably wrong (behind or ahead): check its time (NTP).",
					List.of());
		};
	}

}

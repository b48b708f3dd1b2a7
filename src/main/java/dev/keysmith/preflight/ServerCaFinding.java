package dev.keysmith.preflight;

import java.security.cert.X509Certificate;
import java.util.List;

import dev.keysmith.dtls.ServerCertificateProbe;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.thingsboard.CaCertificates;
import dev.keysmith.thingsboard.client.CaDownload;

/**
 * The pre-flight finding about the DTLS server's CA: what is trusted, what ThingsBoard
 * publishes (or why nothing: none configured, a version without the download, no answer,
 * a refusal), and what the server presented in the handshake, consistently.
 */
final class ServerCaFinding {

	static final String CHECK = "Server CA";

	private ServerCaFinding() {
	}

	/**
	 * @param trustedPem the CA the operator confirmed for the server, or {@code null}
	 * @param published what the CA download answered
	 * @param presented the chain the DTLS server presented, its own certificate first;
	 * empty when unknown
	 */
	static Finding of(String trustedPem, CaDownload published, List<X509Certificate> presented) {
		CaCertificates.Summary trusted = CaCertificates.Summary.of(trustedPem);
		CaCertificates.Summary offered = (published.outcome() == CaDownload.Outcome.PUBLISHED)
				? CaCertificates.Summary.of(published.pem()) : null;
		if (trusted == null) {
			return Finding.warning(CHECK, "No CA is trusted for this server yet; the public CAs are used instead. "
					+ advice(published, offered, presented));
		}
		if (offered != null && !offered.sha256Fingerprint().equals(trusted.sha256Fingerprint())) {
			return Finding.warning(CHECK,
					"The trusted CA (" + trusted.subject() + ") differs from the one " + "ThingsBoard publishes now ("
							+ offered.subject() + ", SHA-256 " + offered.sha256Fingerprint()
							+ "): was the server certificate replaced?");
		}
		return Finding.ok(CHECK, "Trusted: " + trusted.subject() + " (SHA-256 " + trusted.sha256Fingerprint() + ")");
	}

	private static String advice(CaDownload published, CaCertificates.Summary offered,
			List<X509Certificate> presented) {
		if (offered != null) {
			return "ThingsBoard publishes " + offered.subject() + " (SHA-256 " + offered.sha256Fingerprint()
					+ "): fetch it on the server page and confirm it.";
		}
		String why = switch (published.outcome()) {
			case NO_ANSWER -> "Whether ThingsBoard publishes one is not known: " + published.explanation();
			case REFUSED -> "The CA download failed: " + published.explanation();
			default -> published.explanation();
		};
		X509Certificate anchor = ServerCertificateProbe.trustAnchor(presented);
		if (anchor == null) {
			return why + ".";
		}
		return why + ". The DTLS server presents " + ServerCertificateProbe.describe(presented.get(0))
				+ ": 'Take it from a DTLS handshake' on the server page proposes "
				+ anchor.getSubjectX500Principal().getName() + " (SHA-256 " + Fingerprints.sha256(anchor)
				+ ") for you to confirm.";
	}

}

package dev.keysmith.verify;

import java.security.cert.X509Certificate;

import dev.keysmith.common.Dates;
import dev.keysmith.dtls.HandshakeReport;
import dev.keysmith.dtls.ServerTrust;
import dev.keysmith.pki.Fingerprints;
import org.eclipse.californium.core.CoapResponse;

/** The raw facts of a step, written out for the operator's "evidence" view. */
final class Evidence {

	private Evidence() {
	}

	static String handshake(HandshakeReport report, ServerTrust trust) {
		StringBuilder text = new StringBuilder();
		text.append("completed: ").append(report.completed()).append('\n');
		text.append("duration: ").append(report.durationMillis()).append(" ms\n");
		text.append("retransmitted flights: ").append(report.retransmittedFlights()).append('\n');
		text.append("largest datagram sent: ").append(report.largestDatagram()).append(" bytes\n");
		if (report.cipherSuite() != null) {
			text.append("cipher suite: ").append(report.cipherSuite()).append('\n');
			text.append("connection ID: ").append(report.connectionId() ? "yes" : "no").append('\n');
		}
		if (report.alert() != null) {
			text.append("alert received: ").append(report.alert()).append('\n');
		}
		if (report.failure() != null) {
			text.append("failure: ").append(report.failure()).append('\n');
		}
		text.append("server trusted by: ").append(trust.describe()).append('\n');
		if (report.serverCertificate() != null) {
			text.append(certificate("server certificate", report.serverCertificate()));
		}
		return text.toString();
	}

	static String certificate(String what, X509Certificate certificate) {
		return what + ": " + certificate.getSubjectX500Principal().getName() + "\n  issuer: "
				+ certificate.getIssuerX500Principal().getName() + "\n  valid: "
				+ Dates.moment(certificate.getNotBefore().toInstant()) + " to "
				+ Dates.moment(certificate.getNotAfter().toInstant()) + "\n  SHA-256: "
				+ Fingerprints.sha256(certificate) + '\n';
	}

	static String response(CoapResponse response) {
		return "response: " + response.getCode() + " " + response.getCode().name() + " ("
				+ response.advanced().getType() + ")\noptions: " + response.getOptions() + "\npayload: "
				+ ((response.getPayload().length == 0) ? "(empty)" : "'" + response.getResponseText() + "'") + '\n';
	}

	static String error(Exception error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return "error: " + root.getClass().getName() + ": " + root.getMessage() + '\n';
	}

}

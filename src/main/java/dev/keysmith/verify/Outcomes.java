package dev.keysmith.verify;

import dev.keysmith.dtls.DtlsProperties;
import dev.keysmith.thingsboard.ServerDtls;
import dev.keysmith.dtls.DtlsPeer;
import dev.keysmith.dtls.HandshakeReport;
import dev.keysmith.dtls.ServerCertificateProbe;
import java.net.InetSocketAddress;
import java.time.Instant;

import dev.keysmith.thingsboard.ThingsBoardServer;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;

/** What a failed handshake or a refused telemetry POST means: the step's failure with its diagnosis. */
final class Outcomes {

	private Outcomes() {
	}

	static StepFailure handshakeFailed(VerificationRunner.Target target, DtlsProperties properties,
			InetSocketAddress address, boolean timedOut, HandshakeReport report, Instant now) {
		ThingsBoardServer server = target.server();
		String evidence = Evidence.handshake(report, target.trust());
		if (timedOut || report.failure() == null) {
			return new StepFailure("No answer from the server", evidence, Diagnoses.handshakeTimeout(server, report));
		}
		if (report.alert() != null) {
			String diagnosis = report.alert().endsWith("BAD_CERTIFICATE")
					? Diagnoses.badCertificate(target.identity().certificate(), now) : Diagnoses.alert(report.alert());
			return new StepFailure("The server sent " + report.alert(), evidence, diagnosis);
		}
		// Keysmith refused the server: show what it presents
		String presented = ServerCertificateProbe.reveal(properties, target.identity(), ServerDtls.peer(server, address));
		return new StepFailure("Keysmith refused the server's certificate", evidence + "presented: " + presented + '\n',
				Diagnoses.serverNotTrusted(server, report, target.trust(), presented));
	}

	static StepFailure telemetryRefused(VerificationRunner.Target target, CoapResponse response) {
		CoAP.ResponseCode code = response.getCode();
		String detail = code + " " + code.name();
		String evidence = Evidence.response(response);
		if (code == CoAP.ResponseCode.UNAUTHORIZED) {
			return new StepFailure(detail, evidence,
					Diagnoses.unauthorized(target.rest(), target.deviceName(), target.identity().certificate()));
		}
		if (code == CoAP.ResponseCode.BAD_REQUEST) {
			return new StepFailure(detail, evidence, Diagnoses.badRequest(target.payload().toString()));
		}
		if (code == CoAP.ResponseCode.INTERNAL_SERVER_ERROR) {
			return new StepFailure(detail, evidence, Diagnoses.serverError());
		}
		return new StepFailure(detail, evidence, "ThingsBoard answered the telemetry with " + detail + " instead of 2.01.");
	}

}

package dev.keysmith.verify;

import java.net.InetSocketAddress;
import java.time.Instant;

import dev.keysmith.dtls.DtlsProperties;
import dev.keysmith.dtls.HandshakeFailure;
import dev.keysmith.dtls.HandshakeReport;
import dev.keysmith.dtls.ServerCertificateProbe;
import dev.keysmith.thingsboard.ServerDtls;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;

/**
 * What a failed handshake or a refused telemetry POST means: the step's failure with its
 * diagnosis.
 */
final class Outcomes {

	private Outcomes() {
	}

	static StepFailure handshakeFailed(VerificationRunner.Target target, DtlsProperties properties,
			InetSocketAddress address, boolean timedOut, HandshakeReport report, Instant now) {
		var peer = ServerDtls.peer(target.server(), address);
		HandshakeFailure failure = HandshakeFailure.of(report, timedOut, peer, target.trust(),
				target.identity().certificate(), now,
				() -> ServerCertificateProbe.probe(properties, target.identity(), peer));
		String evidence = Evidence.handshake(report, target.trust());
		if (!failure.presented().isEmpty()) {
			evidence += Evidence.certificate("presented", failure.presented().get(0));
		}
		return new StepFailure(failure.summary(), evidence, cause(failure.kind()), failure.diagnosis());
	}

	private static Cause cause(HandshakeFailure.Kind kind) {
		return switch (kind) {
			case NO_ANSWER -> Cause.HANDSHAKE_TIMEOUT;
			case SERVER_NOT_TRUSTED -> Cause.SERVER_NOT_TRUSTED;
			case CERTIFICATE_EXPIRED -> Cause.CERT_EXPIRED;
			case CERTIFICATE_NOT_YET_VALID -> Cause.CERT_NOT_YET_VALID;
			case SERVER_CLOCK -> Cause.CLOCK_SKEW;
			case REFUSED_BY_SERVER -> Cause.HANDSHAKE_REFUSED;
		};
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
		return new StepFailure(detail, evidence, Cause.SERVER_ERROR,
				"ThingsBoard answered the telemetry with " + detail + " instead of 2.01.");
	}

}

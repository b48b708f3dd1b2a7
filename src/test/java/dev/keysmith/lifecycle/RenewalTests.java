package dev.keysmith.lifecycle;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.device.CredentialState;
import dev.keysmith.device.DeviceCredential;
import dev.keysmith.pki.Certificates;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.verify.RunStatus;
import dev.keysmith.verify.StepStatus;
import org.eclipse.californium.core.coap.CoAP;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renewal, test-then-commit, against the ThingsBoard double: success, a push that fails,
 * a new certificate that does not verify (rolled back, and the rollback proven), and a
 * rollback that fails too (the operator told which certificate ThingsBoard holds, both
 * downloadable). Proofs connect from ports their certificate never used before.
 */
@ThingsBoardDoubleTest(publishServerCa = true)
class RenewalTests extends LifecycleTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Override
	ThingsBoardDouble thingsBoard() {
		return thingsBoard;
	}

	@Test
	void renewalWhenActivatedThenNewActiveOldRetiredProvenFromNewAddresses() throws Exception {
		verifyOnce();
		DeviceCredential old = this.device.activeCredential();

		Map<String, String> ids = start("/renewal", "{\"activate\":true}");
		LifecycleView run = finished(ids.get("runId"));

		assertThat(run.status()).as(run.diagnosis()).isEqualTo(RunStatus.PASSED);
		assertThat(run.kind()).isEqualTo(LifecycleKind.RENEWAL);
		assertThat(run.steps()).extracting((s) -> s.status())
			.containsExactly(StepStatus.PASSED, StepStatus.PASSED, StepStatus.PASSED, StepStatus.PASSED,
					StepStatus.PASSED, StepStatus.SKIPPED, StepStatus.SKIPPED);
		assertThat(run.caveat()).contains("TB_COAP_X509_DTLS_SESSION_INACTIVITY_TIMEOUT")
			.contains("refused from a new address");
		DeviceCredential renewed = credential(ids.get("certificateId"));
		assertThat(renewed.getState()).isEqualTo(CredentialState.ACTIVE);
		assertThat(credential(old.getId()).getState()).isEqualTo(CredentialState.RETIRED);
		assertThat(heldCredentialsId()).isEqualTo(credentialsIdOf(renewed));
		assertThat(renewed.getSubject()).isEqualTo(old.getSubject());
		assertThat(renewed.getKeyType()).isEqualTo(old.getKeyType());
		assertThat(Certificates.fromPem(renewed.getCertificatePem()).getPublicKey())
			.isNotEqualTo(Certificates.fromPem(old.getCertificatePem()).getPublicKey());

		// the old certificate's refusal came from a port it had never used
		List<Integer> oldPorts = ports(old);
		assertThat(oldPorts).hasSize(2).doesNotHaveDuplicates();
		assertThat(ports(renewed)).hasSize(1);
		assertThat(this.devices.auditTrail(this.device.getId())).extracting((a) -> a.getAction().name())
			.contains("RENEWAL_PREPARED", "CREDENTIALS_REPLACED", "ACTIVATED");
	}

	@Test
	void runsApiWhenRenewalReadThenVerificationShapeWithKindAndItsEvents() throws Exception {
		Map<String, String> ids = start("/renewal", "{\"activate\":true,\"verify\":\"LIGHT\"}");
		finished(ids.get("runId"));

		assertThat(getAsAdmin("/api/runs/" + ids.get("runId"))).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.runId", (v) -> v.assertThat().isEqualTo(ids.get("runId")))
			.hasPathSatisfying("$.kind", (v) -> v.assertThat().isEqualTo("RENEWAL"))
			.hasPathSatisfying("$.status", (v) -> v.assertThat().isEqualTo("PASSED"))
			.hasPathSatisfying("$.certificateId", (v) -> v.assertThat().isEqualTo(ids.get("certificateId")))
			.hasPathSatisfying("$.steps.length()", (v) -> v.assertThat().isEqualTo(7))
			.hasPathSatisfying("$.steps[2].name",
					(v) -> v.assertThat().isEqualTo("Verify the new certificate from a new address"))
			.hasPath("$.steps[2].evidence")
			.hasPath("$.diagnosis")
			.hasPathSatisfying("$.cause", (v) -> v.assertThat().isNull());
		String events = getAsAdmin("/api/runs/" + ids.get("runId") + "/events").getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(events.split("event:step", -1)).hasSize(8);
		assertThat(events).contains("event:result").contains("\"kind\":\"RENEWAL\"");

		// a verification run reads there too, with its kind
		String verification = this.verifications.recent(this.device.getId()).get(0).id().toString();
		assertThat(getAsAdmin("/api/runs/" + verification)).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.kind", (v) -> v.assertThat().isEqualTo("VERIFICATION"))
			.hasPathSatisfying("$.runId", (v) -> v.assertThat().isEqualTo(verification))
			.hasPath("$.steps[0].name");
		assertThat(getAsAdmin("/api/verifications/" + verification)).hasStatusOk();
		assertThat(getAsAdmin("/api/runs/" + UUID.randomUUID())).hasStatus(404);
	}

	@Test
	void renewalWhenPushFailsThenNothingChangesAndNewCredentialFailed() throws Exception {
		DeviceCredential old = this.device.activeCredential();
		thingsBoard.failNext("/api/device/credentials", 1, 400, 31, "Refused by the test");

		Map<String, String> ids = start("/renewal", "{\"activate\":true}");
		LifecycleView run = finished(ids.get("runId"));

		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.cause()).isEqualTo(LifecycleCause.PUSH_FAILED);
		assertThat(run.steps().get(RenewalRunner.PUSH).status()).isEqualTo(StepStatus.FAILED);
		assertThat(run.steps().get(RenewalRunner.ROLLBACK).status()).isEqualTo(StepStatus.PASSED);
		assertThat(run.steps().get(RenewalRunner.VERIFY_OLD).status()).isEqualTo(StepStatus.PASSED);
		assertThat(run.diagnosis()).contains("Rolled back").contains(old.getSerialNumber());
		DeviceCredential failed = credential(ids.get("certificateId"));
		assertThat(failed.getState()).isEqualTo(CredentialState.FAILED);
		assertThat(failed.getFailureCause()).contains("Refused by the test");
		assertThat(credential(old.getId()).getState()).isEqualTo(CredentialState.ACTIVE);
		assertThat(heldCredentialsId()).isEqualTo(credentialsIdOf(old));
	}

	@Test
	void activationWhenNewCertificateDoesNotVerifyThenRolledBackProvenByReadBackAndOldVerification() throws Exception {
		verifyOnce();
		DeviceCredential old = this.device.activeCredential();
		Map<String, String> prepared = start("/renewal", "{\"activate\":false}");
		assertThat(finished(prepared.get("runId")).status()).isEqualTo(RunStatus.PASSED);
		DeviceCredential next = credential(prepared.get("certificateId"));
		assertThat(next.getState()).isEqualTo(CredentialState.PENDING);
		assertThat(bundle(next.getId())).containsKey("key.pem").containsEntry("cert.pem", next.getCertificatePem());
		thingsBoard.failTelemetry(Certificates.fromPem(next.getCertificatePem()),
				CoAP.ResponseCode.INTERNAL_SERVER_ERROR);

		Map<String, String> ids = start("/certificates/" + next.getId() + "/activation", "{}");
		LifecycleView run = finished(ids.get("runId"));

		assertThat(run.kind()).isEqualTo(LifecycleKind.ACTIVATION);
		assertThat(run.cause()).isEqualTo(LifecycleCause.VERIFICATION_FAILED);
		assertThat(run.steps().get(RenewalRunner.PUSH).status()).isEqualTo(StepStatus.PASSED);
		assertThat(run.steps().get(RenewalRunner.VERIFY_NEW).status()).isEqualTo(StepStatus.FAILED);
		assertThat(run.steps().get(RenewalRunner.ROLLBACK).status()).isEqualTo(StepStatus.PASSED);
		assertThat(run.steps().get(RenewalRunner.VERIFY_OLD).status()).isEqualTo(StepStatus.PASSED);
		assertThat(run.diagnosis()).contains("proven by read-back and a verification from a new address");
		assertThat(heldCredentialsId()).isEqualTo(credentialsIdOf(old));
		assertThat(credential(next.getId()).getState()).isEqualTo(CredentialState.FAILED);
		assertThat(credential(old.getId()).getState()).isEqualTo(CredentialState.ACTIVE);
		// the rollback's verification came from a port the old certificate had not used
		assertThat(ports(old)).hasSize(2).doesNotHaveDuplicates();
		assertThat(this.devices.auditTrail(this.device.getId())).extracting((a) -> a.getAction().name())
			.contains("CREDENTIALS_REPLACED", "ROLLED_BACK");
	}

	@Test
	void activationWhenRollbackFailsTooThenOperatorToldWhichCertificateAndBothDownloadable() throws Exception {
		DeviceCredential old = this.device.activeCredential();
		Map<String, String> prepared = start("/renewal", "{}");
		finished(prepared.get("runId"));
		DeviceCredential next = credential(prepared.get("certificateId"));
		thingsBoard.failTelemetry(Certificates.fromPem(next.getCertificatePem()),
				CoAP.ResponseCode.INTERNAL_SERVER_ERROR);
		// the push of the new certificate passes, putting the old one back is refused
		thingsBoard.failAfter("/api/device/credentials", 1, 5, 400, 31, "Refused by the test");

		LifecycleView run = finished(start("/certificates/" + next.getId() + "/activation", "{}").get("runId"));

		assertThat(run.cause()).isEqualTo(LifecycleCause.ROLLBACK_FAILED);
		assertThat(run.steps().get(RenewalRunner.ROLLBACK).status()).isEqualTo(StepStatus.FAILED);
		assertThat(run.diagnosis()).contains("ThingsBoard now holds the NEW certificate " + next.getSerialNumber())
			.contains("both stay downloadable");
		assertThat(heldCredentialsId()).isEqualTo(credentialsIdOf(next));
		assertThat(credential(next.getId()).getState()).isEqualTo(CredentialState.FAILED);
		assertThat(credential(next.getId()).getFailureCause()).contains("NEW certificate");
		assertThat(bundle(next.getId())).containsKey("key.pem").containsEntry("cert.pem", next.getCertificatePem());
		assertThat(bundle(old.getId())).containsKey("key.pem").containsEntry("cert.pem", old.getCertificatePem());
		assertThat(this.devices.auditTrail(this.device.getId())).extracting((a) -> a.getAction().name())
			.contains("ROLLBACK_FAILED");
	}

	@Test
	void renewalWhenBadRequestThenFieldNamedAndNothingPrepared() throws Exception {
		assertThat(postJson("/api/devices/" + this.device.getId() + "/renewal", "{\"verify\":\"DEEP\"}")).hasStatus(400)
			.bodyText()
			.contains("verify");
		assertThat(postJson("/api/devices/" + this.device.getId() + "/renewal", "{\"validityDays\":0}")).hasStatus(400)
			.bodyText()
			.contains("validityDays");
		assertThat(this.devices.credentialHistory(this.device.getId())).hasSize(1);
	}

	private static List<Integer> ports(DeviceCredential credential) {
		return thingsBoard.handshakes(Certificates.fromPem(credential.getCertificatePem()))
			.stream()
			.map((h) -> h.client().getPort())
			.toList();
	}

}

package dev.keysmith.lifecycle;

import java.util.List;
import java.util.Map;

import dev.keysmith.device.CredentialState;
import dev.keysmith.device.DeviceCredential;
import dev.keysmith.pki.Certificates;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.verify.RunStatus;
import dev.keysmith.verify.StepStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation against the ThingsBoard double, both ways: the certificate is proven refused
 * (4.01) from a port it never used, the caveat names the setting that bounds the window,
 * and a key destroyed on confirmation is gone from the store.
 */
@ThingsBoardDoubleTest(publishServerCa = true)
class RevocationTests extends LifecycleTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Autowired
	JdbcTemplate jdbc;

	@Override
	ThingsBoardDouble thingsBoard() {
		return thingsBoard;
	}

	@Test
	void revocationWhenAccessTokenThenCertificateRefusedFromNewAddressAndCaveatNamesTheSetting() throws Exception {
		verifyOnce();
		DeviceCredential revoked = this.device.activeCredential();

		Map<String, String> ids = start("/revocation", "{\"mode\":\"ACCESS_TOKEN\"}");
		LifecycleView run = finished(ids.get("runId"));

		assertThat(run.status()).as(run.diagnosis()).isEqualTo(RunStatus.PASSED);
		assertThat(run.kind()).isEqualTo(LifecycleKind.REVOCATION);
		assertThat(run.steps().get(RevocationRunner.PROVE).status()).isEqualTo(StepStatus.PASSED);
		assertThat(run.steps().get(RevocationRunner.PROVE).detail()).contains("4.01");
		assertThat(run.steps().get(RevocationRunner.DESTROY_KEY).status()).isEqualTo(StepStatus.SKIPPED);
		assertThat(run.caveat()).contains("TB_COAP_X509_DTLS_SESSION_INACTIVITY_TIMEOUT");
		assertThat(thingsBoard.device(this.device.getName()).orElseThrow().credentials.credentialsType)
			.isEqualTo("ACCESS_TOKEN");
		assertThat(credential(revoked.getId()).getState()).isEqualTo(CredentialState.REVOKED);
		assertThat(credential(revoked.getId()).hasPrivateKey()).isTrue();
		assertThat(ports(revoked)).as("the proof connects from a port the certificate never used")
			.hasSize(2)
			.doesNotHaveDuplicates();
		assertThat(getAsAdmin("/api/runs/" + ids.get("runId"))).bodyJson()
			.hasPathSatisfying("$.caveat",
					(v) -> v.assertThat().asString().contains("TB_COAP_X509_DTLS_SESSION_INACTIVITY_TIMEOUT"));
		assertThat(getAsAdmin("/api/devices/" + this.device.getId())).hasStatusOk();
		assertThat(postJson("/api/devices/" + this.device.getId() + "/renewal", "{}")).hasStatus(409);
		// a revoked certificate is never pushed again
		assertThat(
				postJson("/api/devices/" + this.device.getId() + "/push", "{\"serverId\":\"" + this.serverId + "\"}"))
			.hasStatus(409)
			.bodyJson()
			.hasPathSatisfying("$.reason", (v) -> v.assertThat().isEqualTo("CERTIFICATE_REVOKED"))
			.hasPathSatisfying("$.detail", (v) -> v.assertThat().asString().contains("revoked"));
		assertThat(thingsBoard.device(this.device.getName()).orElseThrow().credentials.credentialsType)
			.isEqualTo("ACCESS_TOKEN");
	}

	@Test
	void revocationWhenDeleteDeviceAndKeyDestroyedThenDeviceGoneAndKeyOverwrittenInTheStore() throws Exception {
		DeviceCredential revoked = this.device.activeCredential();
		assertThat(sealedKey(revoked)).isNotNull();

		Map<String, String> ids = start("/revocation",
				"{\"mode\":\"DELETE_DEVICE\",\"destroyKey\":true,\"confirm\":\"" + this.device.getName() + "\"}");
		LifecycleView run = finished(ids.get("runId"));

		assertThat(run.status()).as(run.diagnosis()).isEqualTo(RunStatus.PASSED);
		assertThat(run.steps()).extracting((s) -> s.status()).containsOnly(StepStatus.PASSED);
		assertThat(thingsBoard.device(this.device.getName())).isEmpty();
		DeviceCredential after = credential(revoked.getId());
		assertThat(after.getState()).isEqualTo(CredentialState.REVOKED);
		assertThat(after.hasPrivateKey()).isFalse();
		assertThat(after.getKeyDestroyedAt()).isNotNull();
		assertThat(sealedKey(revoked)).as("the sealed key in the database").isNull();
		assertThat(this.devices.get(this.device.getId()).placement()).isEmpty();
		assertThat(getAsAdmin("/api/devices/" + this.device.getId() + "/key.pem")).hasStatus(404);
		assertThat(bundle(revoked.getId())).doesNotContainKey("key.pem").containsKey("cert.pem");
		assertThat(this.devices.auditTrail(this.device.getId())).extracting((a) -> a.getAction().name())
			.contains("REVOKED", "KEY_DESTROYED");
	}

	@Test
	void revocationWhenKeyDestructionNotConfirmedThenRefusedNamingTheFieldAndNothingChanged() {
		String credentialsId = heldCredentialsId();

		assertThat(postJson("/api/devices/" + this.device.getId() + "/revocation",
				"{\"mode\":\"ACCESS_TOKEN\",\"destroyKey\":true,\"confirm\":\"yes\"}"))
			.hasStatus(400)
			.bodyText()
			.contains("confirm")
			.contains(this.device.getName());
		assertThat(postJson("/api/devices/" + this.device.getId() + "/revocation", "{\"mode\":\"LATER\"}"))
			.hasStatus(400)
			.bodyText()
			.contains("mode");
		assertThat(postJson("/api/devices/" + this.device.getId() + "/revocation", "{}")).hasStatus(400)
			.bodyText()
			.contains("mode");

		assertThat(heldCredentialsId()).isEqualTo(credentialsId);
		assertThat(this.device.activeCredential().getState()).isEqualTo(CredentialState.ACTIVE);
		assertThat(this.lifecycle.recent(this.device.getId())).isEmpty();
	}

	@Test
	void keyDestructionWhenCertificateStillActiveOrUnconfirmedThenRefusedElseIrreversible() throws Exception {
		DeviceCredential first = this.device.activeCredential();
		String path = "/api/devices/" + this.device.getId() + "/certificates/" + first.getId() + "/key-destruction";
		assertThat(postJson(path, "{\"confirm\":\"" + this.device.getName() + "\"}")).hasStatus(409);

		finished(start("/renewal", "{\"activate\":true}").get("runId"));
		assertThat(credential(first.getId()).getState()).isEqualTo(CredentialState.RETIRED);
		assertThat(postJson(path, "{}")).hasStatus(400).bodyText().contains("confirm");
		assertThat(sealedKey(first)).isNotNull();

		assertThat(postJson(path, "{\"confirm\":\"" + this.device.getName() + "\"}")).hasStatusOk()
			.bodyText()
			.contains("overwritten");
		assertThat(sealedKey(first)).isNull();
		assertThat(postJson(path, "{\"confirm\":\"" + this.device.getName() + "\"}")).hasStatus(409);
	}

	private String sealedKey(DeviceCredential credential) {
		return this.jdbc.queryForObject("select sealed_private_key from device_credential where id = ?", String.class,
				credential.getId());
	}

	private static List<Integer> ports(DeviceCredential credential) {
		return thingsBoard.handshakes(Certificates.fromPem(credential.getCertificatePem()))
			.stream()
			.map((h) -> h.client().getPort())
			.toList();
	}

}

package dev.keysmith.batch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.account.TestAccounts;
import dev.keysmith.device.CredentialState;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceCredential;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.KeyType;
import dev.keysmith.push.PushService;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.testkit.ZipFiles;
import org.eclipse.californium.core.coap.CoAP;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Renewal batches against the ThingsBoard double: "renew everything expiring within N
 * days on this server" prepares (bundles.zip of the new keys) and then activates, each
 * device test-then-commit as on its page; a device whose new certificate does not verify
 * is rolled back while the others go on, and a try again activates the same new
 * certificate rather than a third one.
 */
@ThingsBoardDoubleTest(publishServerCa = true)
class BatchRenewalTests extends BatchTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Autowired
	DeviceService devices;

	@Autowired
	PushService push;

	UUID serverId;

	/** Pushed to this test's server, their certificates ending in 5 days. */
	List<Device> expiring;

	/** Pushed too, with a year left. */
	Device later;

	@BeforeEach
	void fleet() {
		this.serverId = server(thingsBoard);
		String prefix = "renew-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		this.expiring = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			this.expiring.add(pushed(this.devices.create(prefix + i, KeyType.EC_P256, 5, "admin")));
		}
		this.later = pushed(this.devices.create(prefix + "later", KeyType.EC_P256, 365, "admin"));
	}

	@Test
	void prepareThenActivateWhenExpiringWithinDaysOnServerThenOnlyThoseRenewedAndBundlesHoldTheNewKeys()
			throws Exception {
		// prepare: a PENDING certificate for each expiring device, nothing changes in
		// ThingsBoard
		String prepared = awaitCompleted(
				start("{\"expiresWithinDays\":30,\"serverId\":\"" + this.serverId + "\",\"validityDays\":400}"),
				Duration.ofSeconds(90));
		assertThat(JsonPath.<String>read(prepared, "$.source")).isEqualTo("EXPIRING");
		assertThat(JsonPath.<List<String>>read(prepared, "$.options.stages")).containsExactly("RENEW");
		assertThat(JsonPath.<Integer>read(prepared, "$.total")).isEqualTo(3);
		assertThat(JsonPath.<Integer>read(prepared, "$.counts.RENEWED")).isEqualTo(3);
		Map<UUID, DeviceCredential> pending = new HashMap<>();
		for (Device device : this.expiring) {
			Device now = this.devices.get(device.getId());
			DeviceCredential next = state(now, CredentialState.PENDING);
			assertThat(next.getNotAfter()).isAfter(device.getNotAfter().plus(Duration.ofDays(390)));
			assertThat(now.getCredentialsId()).isEqualTo(device.getCredentialsId());
			assertThat(held(device)).isEqualTo(device.getCredentialsId());
			pending.put(device.getId(), next);
		}
		assertThat(this.devices.get(this.later.getId()).credentialHistory()).hasSize(1);
		String preparedId = JsonPath.read(prepared, "$.id");
		Map<String, String> zip = unzip(download("/api/batches/" + preparedId + "/bundles.zip"));
		List<Map<String, Object>> manifest = JsonPath.read(zip.get("manifest.json"), "$.devices");
		assertThat(manifest).hasSize(3).allSatisfy((entry) -> {
			DeviceCredential next = pending.get(UUID.fromString((String) entry.get("id")));
			assertThat(entry.get("certificateId")).isEqualTo(next.getId().toString());
			assertThat(entry.get("certificateState")).isEqualTo("PENDING");
			assertThat(zip.get(entry.get("folder") + "/cert.pem")).isEqualTo(next.getCertificatePem());
			assertThat(zip.get(entry.get("folder") + "/key.pem")).contains("PRIVATE KEY");
		});
		String report = new String(download("/api/batches/" + preparedId + "/report.csv"), StandardCharsets.UTF_8);
		assertThat(report.lines().findFirst().orElseThrow())
			.endsWith("certificate_id,certificate_serial,certificate_state,renew_ms");
		for (DeviceCredential next : pending.values()) {
			assertThat(report).contains(next.getSha256Fingerprint() + "," + next.getNotAfter())
				.contains(next.getId() + "," + next.getSerialNumber() + ",PENDING,");
		}

		// activate: the same PENDING certificates go live, each proven as a renewal is
		String activated = awaitCompleted(start("{\"stages\":[\"RENEW\"],\"expiresWithinDays\":30,\"serverId\":\""
				+ this.serverId + "\",\"activate\":true,\"concurrency\":2}"), Duration.ofSeconds(120));
		assertThat(JsonPath.<Integer>read(activated, "$.counts.RENEWED")).as(activated).isEqualTo(3);
		for (Device device : this.expiring) {
			Device now = this.devices.get(device.getId());
			DeviceCredential next = pending.get(device.getId());
			assertThat(now.credentialHistory()).as("no third certificate").hasSize(2);
			assertThat(now.activeCredential().getId()).isEqualTo(next.getId());
			assertThat(now.credentialHistory()).filteredOn((c) -> c.getId().equals(device.activeCredential().getId()))
				.singleElement()
				.extracting(DeviceCredential::getState)
				.isEqualTo(CredentialState.RETIRED);
			assertThat(held(device)).isEqualTo(next.getCredentialsId());
		}
		Map<String, Object> item = items(JsonPath.read(activated, "$.id")).get(0);
		String run = body(api(this.mvc.get().uri("/api/runs/" + item.get("runId"))).exchange());
		assertThat(JsonPath.<String>read(run, "$.kind")).isEqualTo("ACTIVATION");
		assertThat(JsonPath.<String>read(run, "$.status")).isEqualTo("PASSED");
		assertThat(JsonPath.<String>read(run, "$.caveat")).contains("TB_COAP_X509_DTLS_SESSION_INACTIVITY_TIMEOUT");
	}

	@Test
	void activateWhenOneNewCertificateDoesNotVerifyThenItAloneRolledBackAndATryAgainActivatesTheSameOne()
			throws Exception {
		awaitCompleted(start("{\"expiresWithinDays\":30,\"serverId\":\"" + this.serverId + "\"}"),
				Duration.ofSeconds(90));
		Device bad = this.expiring.get(1);
		DeviceCredential badNext = state(this.devices.get(bad.getId()), CredentialState.PENDING);
		thingsBoard.failTelemetry(Certificates.fromPem(badNext.getCertificatePem()),
				CoAP.ResponseCode.INTERNAL_SERVER_ERROR);

		String id = start("{\"expiresWithinDays\":30,\"serverId\":\"" + this.serverId + "\",\"activate\":true}");
		String batch = awaitCompleted(id, Duration.ofSeconds(120));

		assertThat(JsonPath.<Integer>read(batch, "$.counts.RENEWED")).as(batch).isEqualTo(2);
		assertThat(JsonPath.<Integer>read(batch, "$.counts.FAILED")).isEqualTo(1);
		assertThat(JsonPath.<Integer>read(batch, "$.failuresByCause.VERIFICATION_FAILED")).isEqualTo(1);
		Map<String, Object> failed = items(id).stream()
			.filter((i) -> "FAILED".equals(i.get("state")))
			.findFirst()
			.orElseThrow();
		assertThat(failed.get("name")).isEqualTo(bad.getName());
		assertThat(failed.get("attempts")).as("not tried again by itself: the operator looks first").isEqualTo(1);
		assertThat(failed.get("certificateId")).isEqualTo(badNext.getId().toString());
		assertThat((String) failed.get("detail")).contains("Rolled back");
		assertThat(held(bad)).isEqualTo(bad.getCredentialsId());
		assertThat(state(this.devices.get(bad.getId()), CredentialState.FAILED).getId()).isEqualTo(badNext.getId());
		Map<String, String> zip = unzip(download("/api/batches/" + id + "/bundles.zip"));
		assertThat(JsonPath.<List<String>>read(zip.get("manifest.json"), "$.devices[*].name"))
			.as("a renewal that did not go through hands out no key")
			.containsExactly(this.expiring.get(0).getName(), this.expiring.get(2).getName());
		assertThat(this.mvc.get().uri("/batches/" + id).with(TestAccounts.everyRole("admin")).exchange()).hasStatusOk()
			.bodyText()
			.contains("A renewal of every certificate expiring within 30 days: each new certificate is activated")
			.contains("TB_COAP_X509_DTLS_SESSION_INACTIVITY_TIMEOUT")
			.contains("VERIFICATION_FAILED")
			.contains("did not verify: rolled back")
			.contains("/runs/" + failed.get("runId"));

		// the fault cleared, a try again activates the certificate that failed, not a new
		// one
		thingsBoard.reset();
		assertThat(api(this.mvc.post().uri("/api/batches/" + id + "/retry")).exchange()).hasStatusOk();
		String retried = awaitCompleted(id, Duration.ofSeconds(90));
		assertThat(JsonPath.<Integer>read(retried, "$.counts.RENEWED")).as(retried).isEqualTo(3);
		Device now = this.devices.get(bad.getId());
		assertThat(now.credentialHistory()).hasSize(2);
		assertThat(now.activeCredential().getId()).isEqualTo(badNext.getId());
		assertThat(held(bad)).isEqualTo(badNext.getCredentialsId());
	}

	@Test
	void renewWhenDevicesNamedThenRenewedAndActivatedInOneGoAndANeverPushedOneSkipped() throws Exception {
		Device unpushed = this.devices.create("renew-unpushed-" + UUID.randomUUID(), KeyType.EC_P384, 5, "admin");
		Device device = this.expiring.get(0);

		// activating with nothing prepared leaves the device alone unless asked to do
		// both
		String nothing = start("{\"stages\":[\"RENEW\"],\"deviceIds\":[\"" + device.getId() + "\"],\"activate\":true}");
		awaitCompleted(nothing, Duration.ofSeconds(60));
		assertThat(items(nothing).get(0)).containsEntry("state", "SKIPPED").containsEntry("cause", "NOTHING_PREPARED");
		assertThat(this.devices.get(device.getId()).credentialHistory()).hasSize(1);

		String id = start("{\"stages\":[\"RENEW\"],\"deviceIds\":[\"" + unpushed.getId() + "\",\"" + device.getId()
				+ "\"],\"activate\":true,\"inOneGo\":true,\"keepKey\":true}");
		String batch = awaitCompleted(id, Duration.ofSeconds(90));

		assertThat(JsonPath.<String>read(batch, "$.source")).isEqualTo("DEVICES");
		List<Map<String, Object>> items = items(id);
		assertThat(items.get(0)).containsEntry("state", "SKIPPED").containsEntry("cause", "NOT_PUSHED");
		assertThat(this.devices.get(unpushed.getId()).credentialHistory()).hasSize(1);
		assertThat(items.get(1)).containsEntry("state", "RENEWED");
		Device now = this.devices.get(device.getId());
		assertThat(now.activeCredential().getId()).isNotEqualTo(device.activeCredential().getId());
		assertThat(Certificates.fromPem(now.getCertificatePem()).getPublicKey())
			.as("keepKey: the same key, certified anew")
			.isEqualTo(Certificates.fromPem(device.getCertificatePem()).getPublicKey());
		assertThat(held(device)).isEqualTo(now.getCredentialsId());
		String run = body(api(this.mvc.get().uri("/api/runs/" + items.get(1).get("runId"))).exchange());
		assertThat(JsonPath.<String>read(run, "$.kind")).isEqualTo("RENEWAL");
	}

	@Test
	void createWhenRenewalAskedWronglyThen400NamingTheFieldAndNothingStored() throws Exception {
		int before = JsonPath.<List<Object>>read(body(api(this.mvc.get().uri("/api/batches")).exchange()), "$").size();
		String server = "\"serverId\":\"" + this.serverId + "\"";
		String device = "\"" + this.expiring.get(0).getId() + "\"";
		refused("{\"stages\":[\"RENEW\",\"PUSH\"],\"expiresWithinDays\":30}", "stages");
		refused("{\"stages\":[\"RENEW\"]}", "expiresWithinDays");
		refused("{\"pattern\":\"x-{01}\",\"count\":2,\"activate\":true}", "activate");
		refused("{\"expiresWithinDays\":30,\"inOneGo\":true," + server + "}", "inOneGo");
		refused("{\"stages\":[\"PUSH\"],\"deviceIds\":[" + device + "],\"expiresWithinDays\":3," + server + "}",
				"expiresWithinDays");
		refused("{\"expiresWithinDays\":30,\"serverId\":\"" + UUID.randomUUID() + "\"}", "serverId");
		refused("{\"expiresWithinDays\":-1}", "expiresWithinDays");
		refused("{\"expiresWithinDays\":0," + server + "}", "expiresWithinDays");
		refused("{\"stages\":[\"RENEW\"],\"pattern\":\"x-{01}\",\"count\":2}", "pattern");
		refused("{\"expiresWithinDays\":30,\"keyType\":\"RSA_2048\"," + server + "}", "keyType");
		refused("{\"stages\":[\"RENEW\"],\"deviceIds\":[" + device + "]," + server + "}", "serverId");
		refused("{\"stages\":[\"RENEW\"],\"deviceIds\":[" + device + "],\"expiresWithinDays\":30}", "deviceIds");
		assertThat(JsonPath.<List<Object>>read(body(api(this.mvc.get().uri("/api/batches")).exchange()), "$"))
			.hasSize(before);
		assertThat(this.devices.get(this.expiring.get(0).getId()).credentialHistory()).hasSize(1);
	}

	@Test
	void renewalFormWhenOpenedThenCountsWhatItWouldRenewAndStartsTheBatchOrSaysWhatIsWrong() throws Exception {
		assertThat(this.mvc.get()
			.uri("/batches/renew?expiresWithinDays=30&serverId=" + this.serverId)
			.with(TestAccounts.everyRole("admin"))
			.exchange()).hasStatusOk().bodyText().contains("3 devices would be renewed now.");
		assertThat(this.mvc.get()
			.uri("/batches/renew?expiresWithinDays=soon")
			.with(TestAccounts.everyRole("admin"))
			.exchange()).hasStatusOk().bodyText().contains("Give a whole number of days");

		MvcTestResult nothing = this.mvc.post()
			.uri("/batches")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("source", "EXPIRING")
			.param("stages", "RENEW")
			.param("expiresWithinDays", "0")
			.param("serverId", this.serverId.toString())
			.exchange();
		assertThat(nothing).hasStatusOk().bodyText().contains("there is nothing to renew").contains("renew-form");

		MvcTestResult started = this.mvc.post()
			.uri("/batches")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("source", "EXPIRING")
			.param("stages", "RENEW")
			.param("expiresWithinDays", "30")
			.param("serverId", this.serverId.toString())
			.param("validityDays", "365")
			.exchange();
		assertThat(started).hasStatus(HttpStatus.FOUND);
		String location = started.getResponse().getRedirectedUrl();
		assertThat(location).matches("/batches/[0-9a-f-]{36}");
		String batch = awaitCompleted(location.substring("/batches/".length()), Duration.ofSeconds(90));
		assertThat(JsonPath.<Integer>read(batch, "$.counts.RENEWED")).isEqualTo(3);
		assertThat(JsonPath.<Boolean>read(batch, "$.options.activate")).isFalse();
	}

	private void refused(String json, String field) throws Exception {
		MvcTestResult result = api(
				this.mvc.post().uri("/api/batches").contentType(MediaType.APPLICATION_JSON).content(json))
			.exchange();
		assertThat(result).as(json).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(JsonPath.<String>read(body(result), "$.field")).as(json).isEqualTo(field);
	}

	private Device pushed(Device device) {
		this.push.push(device.getId(), this.serverId, null, "admin");
		return this.devices.get(device.getId());
	}

	private static String held(Device device) {
		return thingsBoard.device(device.getName()).orElseThrow().credentials.credentialsId;
	}

	private static DeviceCredential state(Device device, CredentialState state) {
		return device.credentialHistory().stream().filter((c) -> c.getState() == state).findFirst().orElseThrow();
	}

	private List<Map<String, Object>> items(String batchId) throws Exception {
		return JsonPath.read(body(api(this.mvc.get().uri("/api/batches/" + batchId + "/items")).exchange()), "$");
	}

	private byte[] download(String uri) throws Exception {
		MvcTestResult result = api(this.mvc.get().uri(uri)).exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsByteArray();
	}

	private static Map<String, String> unzip(byte[] zip) {
		return ZipFiles.read(zip);
	}

}

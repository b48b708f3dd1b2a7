package dev.keysmith.verify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.TestAccounts;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.KeyType;
import dev.keysmith.push.PushService;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.testkit.TrustedServers;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/** Verification through the JSON API and the pages, with their event streams. */
@ThingsBoardDoubleTest(publishServerCa = true)
class VerificationWebTests extends KeysmithTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Autowired
	DeviceService devices;

	@Autowired
	ThingsBoardServerService servers;

	@Autowired
	PushService push;

	@Autowired
	VerificationService verifications;

	UUID serverId;

	Device device;

	@BeforeEach
	void pushedDevice() {
		this.serverId = TrustedServers.add(this.servers, thingsBoard, "web");
		this.device = this.devices.create("web-verify-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		this.push.push(this.device.getId(), this.serverId, null, "admin");
	}

	@Test
	void apiWhenStartedThen202AndTheRunAndItsEventsReadBack() throws Exception {
		MvcTestResult started = api(this.mvc.post()
			.uri("/api/devices/" + this.device.getId() + "/verifications")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"serverId\":\"" + this.serverId + "\",\"payload\":\"{\\\"temperature\\\":21}\"}")).exchange();
		assertThat(started).hasStatus(HttpStatus.ACCEPTED);
		String runId = JsonPath.read(started.getResponse().getContentAsString(), "$.runId");
		assertThat(started).hasHeader("Location", "/api/verifications/" + runId);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.verifications.get(UUID.fromString(runId)).finished());
		assertThat(api(this.mvc.get().uri("/api/verifications/" + runId))).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.runId", (v) -> v.assertThat().isEqualTo(runId))
			.hasPathSatisfying("$.deviceId", (v) -> v.assertThat().isEqualTo(this.device.getId().toString()))
			.hasPathSatisfying("$.serverId", (v) -> v.assertThat().isEqualTo(this.serverId.toString()))
			.hasPathSatisfying("$.status", (v) -> v.assertThat().isEqualTo("PASSED"))
			.hasPathSatisfying("$.payload", (v) -> v.assertThat().isEqualTo("{\"temperature\":21}"))
			.hasPathSatisfying("$.steps.length()", (v) -> v.assertThat().isEqualTo(7))
			.hasPathSatisfying("$.steps[2].name", (v) -> v.assertThat().isEqualTo("Post telemetry"))
			.hasPathSatisfying("$.steps[2].status", (v) -> v.assertThat().isEqualTo("PASSED"))
			.hasPath("$.steps[2].durationMs")
			.hasPath("$.steps[2].evidence")
			.hasPath("$.startedAt")
			.hasPath("$.finishedAt")
			.hasPathSatisfying("$.cause", (v) -> v.assertThat().isNull())
			.hasPath("$.diagnosis");
	}

	@Test
	void apiWhenRunFailsThenItsCauseIsACodeBesideTheDiagnosis() throws Exception {
		Device unpushed = this.devices.create("web-unpushed-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		MvcTestResult started = api(this.mvc.post()
			.uri("/api/devices/" + unpushed.getId() + "/verifications")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"serverId\":\"" + this.serverId + "\"}")).exchange();
		String runId = JsonPath.read(started.getResponse().getContentAsString(), "$.runId");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.verifications.get(UUID.fromString(runId)).finished());

		assertThat(api(this.mvc.get().uri("/api/verifications/" + runId))).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.status", (v) -> v.assertThat().isEqualTo("FAILED"))
			.hasPathSatisfying("$.cause", (v) -> v.assertThat().isEqualTo("NOT_REGISTERED"))
			.hasPathSatisfying("$.diagnosis", (v) -> v.assertThat().asString().contains("not registered"));

		String events = api(this.mvc.get().uri("/api/verifications/" + runId + "/events"))
			.exchange(Duration.ofSeconds(10))
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(count(events, "event:step")).isEqualTo(7);
		assertThat(events).contains("event:result").contains("\"status\":\"PASSED\"").endsWith("event:done\ndata:\n\n");
		assertThat(events).contains("\"cause\":\"NOT_REGISTERED\"");
		assertThat(api(this.mvc.get().uri("/api/devices/" + unpushed.getId() + "/verifications"))).bodyJson()
			.hasPathSatisfying("$[0].runId", (v) -> v.assertThat().isEqualTo(runId))
			.hasPathSatisfying("$[0].cause", (v) -> v.assertThat().isEqualTo("NOT_REGISTERED"));
	}

	@Test
	void apiEventsWhenWatchedWhileRunningThenStepsArriveLiveUntilTheVerdict() throws Exception {
		// no attribute notification: the run waits 3 s in its round trip, so the watch
		// surely starts mid-run
		thingsBoard.muteAttributeNotifications(true);
		String events;
		try {
			RunView run = this.verifications.start(this.device.getId(), this.serverId, null, "admin");
			events = api(this.mvc.get().uri("/api/verifications/" + run.id() + "/events"))
				.exchange(Duration.ofSeconds(30))
				.getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
		}
		finally {
			thingsBoard.muteAttributeNotifications(false);
		}
		// the snapshot shows steps still pending or running; changes follow; the stream
		// ends with the verdict
		assertThat(events).containsPattern("\"status\":\"(PENDING|RUNNING)\"");
		assertThat(count(events, "event:step")).isGreaterThan(7);
		assertThat(events.indexOf("event:result")).isGreaterThan(events.lastIndexOf("event:step"));
		assertThat(events).endsWith("event:done\ndata:\n\n");
	}

	@Test
	void apiWhenInputBadThenProblem() {
		assertProblem(
				api(this.mvc.post()
					.uri("/api/devices/" + this.device.getId() + "/verifications")
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"serverId\":\"" + this.serverId + "\",\"payload\":\"not json\"}")).exchange(),
				HttpStatus.BAD_REQUEST, "must be a JSON object");
		assertProblem(api(this.mvc.post()
			.uri("/api/devices/" + this.device.getId() + "/verifications")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")).exchange(), HttpStatus.BAD_REQUEST, "Choose the ThingsBoard server");
		assertProblem(api(this.mvc.get().uri("/api/verifications/" + UUID.randomUUID())).exchange(),
				HttpStatus.NOT_FOUND, "No verification run");
	}

	@Test
	void pageWhenStartedFromTheDevicePageThenRunPageStreamsHtmlFragmentsAndReconnectsStartNothing() throws Exception {
		assertThat(this.mvc.get()
			.uri("/devices/" + this.device.getId() + "/verifications")
			.with(TestAccounts.everyRole("admin"))).hasStatusOk()
			.bodyText()
			.contains("Verify connection")
			.contains("{&quot;temperature&quot;:43}");

		MvcTestResult started = this.mvc.post()
			.uri("/devices/" + this.device.getId() + "/verifications")
			.param("serverId", this.serverId.toString())
			.param("payload", "{\"temperature\":43}")
			.with(TestAccounts.everyRole("operator"))
			.with(csrf())
			.exchange();
		assertThat(started).hasStatus(HttpStatus.FOUND);
		String location = started.getResponse().getRedirectedUrl();
		UUID runId = UUID.fromString(location.substring("/verifications/".length()));

		assertThat(this.mvc.get().uri(location).with(TestAccounts.everyRole("admin"))).hasStatusOk()
			.bodyText()
			.contains("sse-connect=\"/verifications/" + runId + "/events\"")
			.contains("sse-close=\"done\"")
			.contains("id=\"step-0\"")
			.contains("id=\"verdict\"");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.verifications.get(runId).finished());

		for (int reconnect = 0; reconnect < 2; reconnect++) {
			String events = this.mvc.get()
				.uri(location + "/events")
				.with(TestAccounts.everyRole("admin"))
				.exchange(Duration.ofSeconds(10))
				.getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
			assertThat(events).contains("event:step")
				.contains("hx-swap-oob=\"true\"")
				.contains("id=\"step-6\"")
				.contains("event:result")
				.contains("Passed")
				.endsWith("event:done\ndata:\n\n");
		}
		assertThat(this.verifications.recent(this.device.getId())).hasSize(1);
		assertThat(this.mvc.get()
			.uri("/devices/" + this.device.getId() + "/verifications")
			.with(TestAccounts.everyRole("admin"))).bodyText().contains("PASSED").contains("operator");
	}

	@Test
	void pageWhenDeviceHasNoKeyThenFlashErrorAndNoRun() {
		byte[] certificate = dev.keysmith.pki.PemCodec
			.certificate(new dev.keysmith.pki.CertificateIssuer().issue(KeyType.EC_P256, "web-nokey", 30).certificate())
			.getBytes();
		var certOnly = this.devices
			.importDevice(new dev.keysmith.device.ImportRequest(certificate, null, "web-nokey-" + UUID.randomUUID()),
					"admin")
			.device();
		assertThat(this.mvc.post()
			.uri("/devices/" + certOnly.getId() + "/verifications")
			.param("serverId", this.serverId.toString())
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())).hasStatus(HttpStatus.FOUND)
			.flash()
			.hasEntrySatisfying("error", (e) -> assertThat(e).asString().contains("holds no private key"));
		assertThat(this.verifications.recent(certOnly.getId())).isEmpty();
	}

	private static void assertProblem(MvcTestResult result, HttpStatus status, String detail) {
		assertThat(result).hasStatus(status)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.detail", (v) -> v.assertThat().asString().contains(detail));
	}

	private static int count(String text, String needle) {
		int count = 0;
		for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
			count++;
		}
		return count;
	}

	private static <T extends org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder<T>> T api(
			T request) {
		return request.with(httpBasic("admin", ADMIN_PASSWORD));
	}

}

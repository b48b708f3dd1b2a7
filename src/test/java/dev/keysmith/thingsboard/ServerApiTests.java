package dev.keysmith.thingsboard;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@ThingsBoardDoubleTest
class ServerApiTests extends KeysmithTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Test
	void createWhenPasswordThen201AndSecretNeverReturned() throws Exception {
		MvcTestResult result = postJson("/api/thingsboard/servers", """
				{"name":"api-server-%s","url":"%s/","username":"%s","password":"%s"}""".formatted(UUID.randomUUID(),
				thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_ADMIN, ThingsBoardDouble.TENANT_PASSWORD));
		assertThat(result).hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.hasPathSatisfying("$.url", (v) -> v.assertThat().isEqualTo(thingsBoard.baseUrl()))
			.hasPathSatisfying("$.authType", (v) -> v.assertThat().isEqualTo("PASSWORD"))
			.hasPathSatisfying("$.coapHost", (v) -> v.assertThat().isEqualTo("127.0.0.1"))
			.hasPathSatisfying("$.coapPort", (v) -> v.assertThat().isEqualTo(5684))
			.hasPathSatisfying("$.verifyHostName", (v) -> v.assertThat().isEqualTo(true))
			.doesNotHavePath("$.password")
			.doesNotHavePath("$.serverCa");
		assertThat(result.getResponse().getContentAsString()).doesNotContain(ThingsBoardDouble.TENANT_PASSWORD + "\"");
		assertThat(getAsAdmin("/api/thingsboard/servers").getResponse().getContentAsString())
			.doesNotContain("\"" + ThingsBoardDouble.TENANT_PASSWORD + "\"");
	}

	@Test
	void createWhenApiKeyAndPinnedCaThenCaTrustedAtOnce() {
		String ca = PemCodec.certificate(thingsBoard.serverCa());
		String body = """
				{"name":"api-key-server-%s","url":"%s","apiKey":"%s","coapPort":%d,"serverCaPem":%s,"serverCaSha256":"%s"}"""
			.formatted(UUID.randomUUID(), thingsBoard.baseUrl(), thingsBoard.createApiKey(), thingsBoard.coapPort(),
					quote(ca), Fingerprints.sha256(thingsBoard.serverCa()).toLowerCase());
		assertThat(postJson("/api/thingsboard/servers", body)).hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.hasPathSatisfying("$.authType", (v) -> v.assertThat().isEqualTo("API_KEY"))
			.hasPathSatisfying("$.serverCa.sha256Fingerprint",
					(v) -> v.assertThat().isEqualTo(Fingerprints.sha256(thingsBoard.serverCa())))
			.hasPathSatisfying("$.serverCa.subject", (v) -> v.assertThat().isEqualTo("CN=ThingsBoard double CA"))
			.doesNotHavePath("$.pendingCa");
	}

	@Test
	void caWhenPastedWithoutPinThenPendingUntilConfirmed() throws Exception {
		String id = createdServer("""
				{"name":"pending-%s","url":"%s","username":"u","password":"p"}""".formatted(UUID.randomUUID(),
				thingsBoard.baseUrl()));
		String ca = PemCodec.certificate(thingsBoard.serverCa());
		assertThat(postJson("/api/thingsboard/servers/" + id + "/ca", "{\"serverCaPem\":" + quote(ca) + "}"))
			.hasStatusOk()
			.bodyJson()
			.hasPath("$.pendingCa.sha256Fingerprint")
			.doesNotHavePath("$.serverCa");
		assertProblem(postJson("/api/thingsboard/servers/" + id + "/ca/confirm", "{\"sha256Fingerprint\":\"00\"}"),
				HttpStatus.BAD_REQUEST, "does not match the CA waiting for confirmation");
		assertThat(postJson("/api/thingsboard/servers/" + id + "/ca/confirm",
				"{\"sha256Fingerprint\":\"" + Fingerprints.sha256(thingsBoard.serverCa()) + "\"}"))
			.hasStatusOk()
			.bodyJson()
			.hasPath("$.serverCa.confirmedAt");
	}

	@Test
	void updateWhenHostOrPortChangesWithoutPasswordThen400NamingPasswordAndNothingChanges() {
		String name = "moved-" + UUID.randomUUID();
		String id = createdServer("{\"name\":\"%s\",\"url\":\"%s\",\"username\":\"%s\",\"password\":\"%s\"}"
			.formatted(name, thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_ADMIN, ThingsBoardDouble.TENANT_PASSWORD));
		String elsewhere = "http://127.0.0.2:" + thingsBoard.restPort();
		String otherPort = "http://127.0.0.1:9";
		for (String url : List.of(elsewhere, otherPort, "https://127.0.0.1:" + thingsBoard.restPort())) {
			MvcTestResult refused = putJson("/api/thingsboard/servers/" + id,
					"{\"name\":\"%s\",\"url\":\"%s\",\"username\":\"%s\"}".formatted(name, url,
							ThingsBoardDouble.TENANT_ADMIN));
			assertProblem(refused, HttpStatus.BAD_REQUEST, "The URL changed from " + thingsBoard.baseUrl() + " to "
					+ url + ": enter the password again (Keysmith does not send a stored secret to a new address)");
			assertThat(refused).bodyJson().hasPathSatisfying("$.field", (v) -> v.assertThat().isEqualTo("password"));
		}
		assertThat(getAsAdmin("/api/thingsboard/servers/" + id)).bodyJson()
			.hasPathSatisfying("$.url", (v) -> v.assertThat().isEqualTo(thingsBoard.baseUrl()));

		// with the password given again, the move is fine
		assertThat(putJson("/api/thingsboard/servers/" + id,
				"{\"name\":\"%s\",\"url\":\"%s\",\"username\":\"%s\",\"password\":\"p\"}".formatted(name, otherPort,
						ThingsBoardDouble.TENANT_ADMIN)))
			.hasStatusOk();
	}

	@Test
	void updateWhenSameHostAndPortThenStoredSecretKeptAndStillWorks() {
		String name = "kept-" + UUID.randomUUID();
		String id = createdServer("{\"name\":\"%s\",\"url\":\"%s\",\"username\":\"%s\",\"password\":\"%s\"}"
			.formatted(name, thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_ADMIN, ThingsBoardDouble.TENANT_PASSWORD));
		assertThat(putJson("/api/thingsboard/servers/" + id,
				"{\"name\":\"%s\",\"url\":\"%s/\",\"username\":\"%s\",\"coapPort\":5690}".formatted(name,
						thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_ADMIN)))
			.hasStatusOk();
		// the stored password still signs in
		assertThat(getAsAdmin("/api/thingsboard/servers/" + id + "/profiles")).hasStatusOk();
	}

	@Test
	void updateWhenApiKeyServerMovesWithoutKeyThen400NamingApiKey() {
		String name = "moved-key-" + UUID.randomUUID();
		String id = createdServer("{\"name\":\"%s\",\"url\":\"%s\",\"apiKey\":\"%s\"}".formatted(name,
				thingsBoard.baseUrl(), thingsBoard.createApiKey()));
		MvcTestResult refused = putJson("/api/thingsboard/servers/" + id,
				"{\"name\":\"%s\",\"url\":\"http://127.0.0.1:9\"}".formatted(name));
		assertProblem(refused, HttpStatus.BAD_REQUEST, "The URL changed from " + thingsBoard.baseUrl()
				+ " to http://127.0.0.1:9: enter the API key again (Keysmith does not send a stored secret to a new address)");
		assertThat(refused).bodyJson().hasPathSatisfying("$.field", (v) -> v.assertThat().isEqualTo("apiKey"));
	}

	@Test
	void caWhenFetchedButServerHasNoneThenClearError() {
		String id = createdServer("""
				{"name":"no-ca-%s","url":"%s","username":"u","password":"p"}""".formatted(UUID.randomUUID(),
				thingsBoard.baseUrl()));
		assertProblem(postJson("/api/thingsboard/servers/" + id + "/ca/fetch", ""), HttpStatus.BAD_REQUEST,
				"publishes no CoAP DTLS certificate (DEVICE_CONNECTIVITY_COAPS_CA_ROOT_CERT is not configured there)");
	}

	@Test
	void createWhenBadInputThenProblem() {
		assertProblem(
				postJson("/api/thingsboard/servers",
						"{\"name\":\"x\",\"url\":\"not a url\",\"username\":\"u\",\"password\":\"p\"}"),
				HttpStatus.BAD_REQUEST, "not a valid URL");
		assertProblem(
				postJson("/api/thingsboard/servers",
						"{\"name\":\"x\",\"url\":\"http://h\",\"username\":\"u\",\"password\":\"p\",\"apiKey\":\"k\"}"),
				HttpStatus.BAD_REQUEST, "not both");
		assertProblem(
				postJson("/api/thingsboard/servers",
						"{\"name\":\"x\",\"url\":\"http://h\",\"apiKey\":\"k\",\"coapPort\":70000}"),
				HttpStatus.BAD_REQUEST, "between 1 and 65535");
		MvcTestResult fraction = postJson("/api/thingsboard/servers",
				"{\"name\":\"x\",\"url\":\"http://h\",\"apiKey\":\"k\",\"coapPort\":5684.5}");
		assertProblem(fraction, HttpStatus.BAD_REQUEST, "coapPort");
		assertThat(fraction).bodyJson().extractingPath("$.field").isEqualTo("coapPort");
		String name = "dup-" + UUID.randomUUID();
		createdServer("{\"name\":\"" + name + "\",\"url\":\"http://h\",\"apiKey\":\"k\"}");
		assertProblem(
				postJson("/api/thingsboard/servers",
						"{\"name\":\"" + name + "\",\"url\":\"http://h\",\"apiKey\":\"k\"}"),
				HttpStatus.CONFLICT, "already exists");
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1$(touch /tmp/x)", "127.0.0.1;touch /tmp/x", "127.0.0.1`touch /tmp/x`",
			"127.0.0.1 && touch /tmp/x", "127.0.0.1\ntouch /tmp/x" })
	void createAndUpdateWhenHostileCoapHostThen400NamingItAndNothingStored(String host) throws Exception {
		String name = "hostile-" + UUID.randomUUID();
		MvcTestResult refused = postJson("/api/thingsboard/servers", """
				{"name":"%s","url":"http://tb.example.com","apiKey":"k","coapHost":%s}""".formatted(name, json(host)));
		assertProblem(refused, HttpStatus.BAD_REQUEST, "is not a host name or an IP address");
		assertThat(refused).bodyJson().extractingPath("$.field").isEqualTo("coapHost");
		assertThat(getAsAdmin("/api/thingsboard/servers").getResponse().getContentAsString()).doesNotContain(name);

		String id = createdServer("{\"name\":\"" + name + "\",\"url\":\"http://tb.example.com\",\"apiKey\":\"k\"}");
		MvcTestResult update = putJson("/api/thingsboard/servers/" + id, """
				{"name":"%s","url":"http://tb.example.com","coapHost":%s}""".formatted(name, json(host)));
		assertProblem(update, HttpStatus.BAD_REQUEST, "is not a host name or an IP address");
		assertThat(update).bodyJson().extractingPath("$.field").isEqualTo("coapHost");
		assertThat(getAsAdmin("/api/thingsboard/servers/" + id)).bodyJson()
			.extractingPath("$.coapHost")
			.isEqualTo("tb.example.com");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1$(touch%20x)", "http://127.0.0.1;touch", "http://a..b",
			"http://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com",
			"http://[fe80::1%25eth0]:8080" })
	void createAndUpdateWhenUrlHostIsNoHostThen400NamingUrl(String url) {
		String name = "hostile-url-" + UUID.randomUUID();
		MvcTestResult refused = postJson("/api/thingsboard/servers",
				"{\"name\":\"" + name + "\",\"url\":" + json(url) + ",\"apiKey\":\"k\"}");
		assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.field").isEqualTo("url");
		String id = createdServer("{\"name\":\"" + name + "\",\"url\":\"http://tb.example.com\",\"apiKey\":\"k\"}");
		assertThat(putJson("/api/thingsboard/servers/" + id, "{\"name\":\"" + name + "\",\"url\":" + json(url) + "}"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.field")
			.isEqualTo("url");
		assertThat(getAsAdmin("/api/thingsboard/servers/" + id)).bodyJson()
			.extractingPath("$.url")
			.isEqualTo("http://tb.example.com");
	}

	@Test
	void createWhenUrlHostIsIpv6ThenCoapHostIsTheBareLiteral() {
		assertThat(postJson("/api/thingsboard/servers", """
				{"name":"v6-%s","url":"http://[::1]:8080","apiKey":"k"}""".formatted(UUID.randomUUID())))
			.hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.hasPathSatisfying("$.coapHost", (v) -> v.assertThat().isEqualTo("::1"))
			.hasPathSatisfying("$.url", (v) -> v.assertThat().isEqualTo("http://[::1]:8080"));
		assertThat(postJson("/api/thingsboard/servers",
				"""
						{"name":"v6b-%s","url":"http://tb.example.com","apiKey":"k","coapHost":"[2001:db8::1]"}"""
					.formatted(UUID.randomUUID())))
			.hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.extractingPath("$.coapHost")
			.isEqualTo("2001:db8::1");
	}

	@Test
	void createWhenValuesLongerThanTheirColumnsThen400NamingEachNotAConflict() throws Exception {
		String name = "long-" + UUID.randomUUID();
		String url = "http://tb.example.com/" + "p".repeat(2030);
		assertLongRefused("username", """
				{"name":"%s","url":"http://tb.example.com","username":"%s","password":"p"}""".formatted(name,
				"u".repeat(256)));
		assertLongRefused("url", """
				{"name":"%s","url":"%s","apiKey":"k"}""".formatted(name, url));
		assertLongRefused("coapHost", """
				{"name":"%s","url":"http://tb.example.com","apiKey":"k","coapHost":"%s"}""".formatted(name,
				String.join(".", "h".repeat(63), "h".repeat(63), "h".repeat(63), "h".repeat(63))));
		assertLongRefused("defaultProfileId", """
				{"name":"%s","url":"http://tb.example.com","apiKey":"k","defaultProfileId":"%s"}""".formatted(name,
				"d".repeat(65)));
		assertLongRefused("password", """
				{"name":"%s","url":"http://tb.example.com","username":"u","password":"%s"}""".formatted(name,
				"s".repeat(3100)));
		assertLongRefused("apiKey", """
				{"name":"%s","url":"http://tb.example.com","apiKey":"%s"}""".formatted(name, "k".repeat(3100)));
		String ca = PemCodec.certificate(thingsBoard.serverCa());
		assertLongRefused("serverCaPem", """
				{"name":"%s","url":"http://tb.example.com","apiKey":"k","serverCaPem":%s}""".formatted(name,
				quote(ca.repeat(65536 / ca.length() + 1))));
		assertThat(getAsAdmin("/api/thingsboard/servers").getResponse().getContentAsString()).doesNotContain(name);
		// at the limits, all is stored
		assertThat(postJson("/api/thingsboard/servers", """
				{"name":"%s","url":"%s","username":"%s","password":"%s","defaultProfileId":"%s"}""".formatted(name,
				"http://tb.example.com/" + "p".repeat(2048 - 22), "u".repeat(255), "s".repeat(3000), "d".repeat(64))))
			.hasStatus(HttpStatus.CREATED);
	}

	private void assertLongRefused(String field, String body) {
		MvcTestResult result = postJson("/api/thingsboard/servers", body);
		assertProblem(result, HttpStatus.BAD_REQUEST, "");
		assertThat(result).as(field).bodyJson().extractingPath("$.field").isEqualTo(field);
	}

	@Test
	void updateWhenPasswordLeftEmptyThenKeptAndProfilesStillLoad() {
		String id = createdServer("""
				{"name":"upd-%s","url":"%s","username":"%s","password":"%s"}""".formatted(UUID.randomUUID(),
				thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_ADMIN, ThingsBoardDouble.TENANT_PASSWORD));
		assertThat(this.mvc.put()
			.uri("/api/thingsboard/servers/" + id)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"renamed-%s\",\"url\":\"%s\",\"username\":\"%s\",\"coapPort\":5690}"
				.formatted(UUID.randomUUID(), thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_ADMIN))
			.with(admin())).hasStatusOk().bodyJson().extractingPath("$.coapPort").isEqualTo(5690);
		assertThat(getAsAdmin("/api/thingsboard/servers/" + id + "/profiles")).hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].transportType")
			.asArray()
			.containsExactly("DEFAULT", "MQTT");
	}

	@Test
	void pushWhenDeviceAndServerGivenThenProvenResultElseProblem() throws Exception {
		String serverId = createdServer("""
				{"name":"push-api-%s","url":"%s","username":"%s","password":"%s"}""".formatted(UUID.randomUUID(),
				thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_ADMIN, ThingsBoardDouble.TENANT_PASSWORD));
		MvcTestResult device = postJson("/api/devices", "{\"name\":\"push-api-device-" + UUID.randomUUID() + "\"}");
		String deviceId = JsonPath.read(device.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.id");
		String credentialsId = JsonPath.read(device.getResponse().getContentAsString(StandardCharsets.UTF_8),
				"$.credentialsId");

		assertThat(postJson("/api/devices/" + deviceId + "/push", "{\"serverId\":\"" + serverId + "\"}")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.verified", (v) -> v.assertThat().isEqualTo(true))
			.hasPathSatisfying("$.credentialsId", (v) -> v.assertThat().isEqualTo(credentialsId))
			.hasPath("$.thingsboardDeviceId");
		assertThat(getAsAdmin("/api/devices/" + deviceId)).bodyJson()
			.hasPathSatisfying("$.thingsboard.serverId", (v) -> v.assertThat().isEqualTo(serverId))
			.hasPath("$.thingsboard.deviceId")
			.hasPath("$.thingsboard.pushedAt");

		assertProblem(postJson("/api/devices/" + deviceId + "/push", "{}"), HttpStatus.BAD_REQUEST, "serverId");
		assertProblem(postJson("/api/devices/" + deviceId + "/push", "{\"serverId\":\"" + UUID.randomUUID() + "\"}"),
				HttpStatus.NOT_FOUND, "No ThingsBoard server with id");
		thingsBoard.failNext("/api/tenant/devices", 10, 503, 2, "Service Unavailable");
		MvcTestResult failed = postJson("/api/devices/" + deviceId + "/push", "{\"serverId\":\"" + serverId + "\"}");
		assertProblem(failed, HttpStatus.BAD_GATEWAY, "failed with HTTP 503");
		assertThat(failed).bodyJson()
			.hasPathSatisfying("$.reason", (v) -> v.assertThat().isEqualTo("THINGSBOARD_FAILED"))
			.hasPathSatisfying("$.thingsboardStatus", (v) -> v.assertThat().isEqualTo(503))
			.hasPathSatisfying("$.thingsboardErrorCode", (v) -> v.assertThat().isEqualTo(2));
	}

	@Test
	void deleteWhenExistsThen204() {
		String id = createdServer("{\"name\":\"del-" + UUID.randomUUID() + "\",\"url\":\"http://h\",\"apiKey\":\"k\"}");
		assertThat(this.mvc.delete().uri("/api/thingsboard/servers/" + id).with(admin()))
			.hasStatus(HttpStatus.NO_CONTENT);
		assertThat(getAsAdmin("/api/thingsboard/servers/" + id)).hasStatus(HttpStatus.NOT_FOUND);
	}

	private static String json(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
	}

	private static void assertProblem(MvcTestResult result, HttpStatus status, String detail) {
		assertThat(result).hasStatus(status)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.detail", (v) -> v.assertThat().asString().contains(detail));
	}

	private static String quote(String text) {
		return "\"" + text.replace("\n", "\\n") + "\"";
	}

	private String createdServer(String body) {
		return createdId(postJson("/api/thingsboard/servers", body));
	}

}

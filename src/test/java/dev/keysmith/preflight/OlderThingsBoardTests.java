package dev.keysmith.preflight;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.TestAccounts;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.TestCa;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * ThingsBoard 3.9 (the double in its 3.9.1 mode): no CoAP DTLS certificate download, no
 * API keys, a version to show; the server CA taken from a DTLS handshake instead,
 * confirmed by its fingerprint, and then trusted by a real verification run. API and
 * pages.
 */
@ThingsBoardDoubleTest(version = ThingsBoardDoubleTest.Version.CE_3_9)
class OlderThingsBoardTests extends KeysmithTestSupport {

	private static final String NO_DOWNLOAD = "This ThingsBoard version does not publish its CoAP DTLS certificate: "
			+ "paste it, or trust the certificate the server presents in a DTLS handshake after checking its fingerprint";

	static ThingsBoardDouble thingsBoard;

	@Autowired
	ServerCheckService checks;

	@Test
	void checkWhen39ThenShowsVersionAndCaFindingAgreesWithTheHandshake() {
		String id = passwordServer(thingsBoard);
		List<Finding> findings = this.checks.check(UUID.fromString(id));

		assertThat(finding(findings, "REST API").status()).isEqualTo(Finding.Status.OK);
		assertThat(finding(findings, "REST API").detail()).startsWith("ThingsBoard CE 3.9.1 answers at ");
		assertThat(finding(findings, "Sign-in").status()).isEqualTo(Finding.Status.OK);
		Finding ca = finding(findings, "Server CA");
		assertThat(ca.status()).isEqualTo(Finding.Status.WARNING);
		assertThat(ca.detail()).contains(NO_DOWNLOAD)
			.contains("The DTLS server presents CN=localhost, issued by CN=ThingsBoard double CA")
			.contains("'Take it from a DTLS handshake' on the server page proposes CN=localhost (SHA-256 "
					+ Fingerprints.sha256(thingsBoard.serverCertificate()) + ")")
			.doesNotContain("publishes none")
			.doesNotContain("refused the credentials");
		assertThat(finding(findings, "CoAP over DTLS").detail()).contains("The server presents CN=localhost");

		assertThat(this.mvc.post()
			.uri("/servers/" + id + "/check")
			.header("HX-Request", "true")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("ThingsBoard CE 3.9.1 answers at")
			.contains("This ThingsBoard version does not publish its CoAP DTLS certificate");
	}

	@Test
	void fetchWhen39ThenSaysThisVersionPublishesNoCertificateOnApiAndPage() {
		String id = passwordServer(thingsBoard);
		assertThat(postJson("/api/thingsboard/servers/" + id + "/ca/fetch", "")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.detail", (v) -> v.assertThat().isEqualTo(NO_DOWNLOAD));
		assertThat(
				this.mvc.post().uri("/servers/" + id + "/ca/fetch").with(TestAccounts.everyRole("admin")).with(csrf()))
			.flash()
			.containsEntry("error", NO_DOWNLOAD);
	}

	@Test
	void fromHandshakeWhen39ThenServerCertificatePendingAndOnceConfirmedAVerificationRunTrustsIt() throws Exception {
		String id = passwordServer(thingsBoard);
		// ThingsBoard's DTLS server sends no self-signed CA: its own certificate becomes
		// the trust anchor
		String fingerprint = Fingerprints.sha256(thingsBoard.serverCertificate());
		assertThat(postJson("/api/thingsboard/servers/" + id + "/ca/from-handshake", "")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.pendingCa.sha256Fingerprint", (v) -> v.assertThat().isEqualTo(fingerprint))
			.hasPathSatisfying("$.pendingCa.subject", (v) -> v.assertThat().isEqualTo("CN=localhost"))
			.doesNotHavePath("$.serverCa");
		confirm(id, fingerprint);

		assertThat(verifiedDevice(id)).isEqualTo("PASSED");
	}

	@Test
	void trustWhenAnotherServersCertificateIsTheAnchorThenTheHandshakeIsRefused() {
		String id = passwordServer(thingsBoard);
		X509Certificate impostor = new TestCa("Impostor CA").serverCredential("localhost").certificate();
		assertThat(postJson("/api/thingsboard/servers/" + id + "/ca",
				"{\"serverCaPem\":\"" + PemCodec.certificate(impostor).replace("\n", "\\n") + "\"}"))
			.hasStatusOk();
		confirm(id, Fingerprints.sha256(impostor));

		Finding dtls = finding(this.checks.check(UUID.fromString(id)), "CoAP over DTLS");
		assertThat(dtls.status()).isEqualTo(Finding.Status.FAILED);
		assertThat(dtls.detail()).contains("Keysmith does not trust the DTLS server's certificate");
	}

	@Test
	void fromHandshakeFromThePageThenShownForConfirmation() {
		String id = passwordServer(thingsBoard);
		assertThat(this.mvc.get().uri("/servers/" + id).with(TestAccounts.everyRole("admin"))).bodyText()
			.contains("Take it from a DTLS handshake");
		assertThat(this.mvc.post()
			.uri("/servers/" + id + "/ca/from-handshake")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())).hasStatus(HttpStatus.FOUND).flash().containsKey("message");
		assertThat(this.mvc.get().uri("/servers/" + id).with(TestAccounts.everyRole("admin"))).bodyText()
			.contains("Waiting for your confirmation")
			.contains(Fingerprints.sha256(thingsBoard.serverCertificate()));
	}

	@Test
	void fromHandshakeWhenNothingAnswersOnTheCoapPortThenSaysSoAndProposesNothing() throws Exception {
		int silentPort;
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			silentPort = socket.getLocalPort();
		}
		String id = created("{\"name\":\"tb39-%s\",\"url\":\"%s\",\"username\":\"%s\",\"password\":\"%s\",\"coapHost\":"
			.formatted(UUID.randomUUID(), thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_ADMIN,
					ThingsBoardDouble.TENANT_PASSWORD)
				+ "\"127.0.0.1\",\"coapPort\":" + silentPort + "}");
		assertThat(postJson("/api/thingsboard/servers/" + id + "/ca/from-handshake", ""))
			.hasStatus(HttpStatus.GATEWAY_TIMEOUT)
			.bodyJson()
			.hasPathSatisfying("$.detail",
					(v) -> v.assertThat()
						.asString()
						.startsWith("No DTLS handshake with 127.0.0.1:" + silentPort + " completed"));
		assertThat(this.mvc.get().uri("/api/thingsboard/servers/" + id).with(admin())).bodyJson()
			.doesNotHavePath("$.pendingCa");
	}

	@Test
	void apiKeyWhen39ThenSignInFindingAndPushSayApiKeysNeed43() throws Exception {
		String id = created("{\"name\":\"tb39-key-%s\",\"url\":\"%s\",\"apiKey\":\"tb_0123456789abcdef\"}"
			.formatted(UUID.randomUUID(), thingsBoard.baseUrl()));
		Finding signIn = finding(this.checks.check(UUID.fromString(id)), "Sign-in");
		assertThat(signIn.status()).isEqualTo(Finding.Status.FAILED);
		assertThat(signIn.detail()).contains("refused the API key: API keys need ThingsBoard 4.3 or later");

		String device = device();
		assertThat(postJson("/api/devices/" + device + "/push", "{\"serverId\":\"" + id + "\"}"))
			.hasStatus(HttpStatus.BAD_GATEWAY)
			.bodyJson()
			.hasPathSatisfying("$.detail",
					(v) -> v.assertThat().asString().contains("API keys need ThingsBoard 4.3 or later"));
		assertThat(this.mvc.post()
			.uri("/devices/" + device + "/push")
			.param("serverId", id)
			.header("HX-Request", "true")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())).bodyText().contains("API keys need ThingsBoard 4.3 or later");
	}

	/** Pushes a new device to the server and verifies it: the run's final status. */
	private String verifiedDevice(String serverId) throws Exception {
		String device = device();
		assertThat(postJson("/api/devices/" + device + "/push", "{\"serverId\":\"" + serverId + "\"}")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.verified", (v) -> v.assertThat().isEqualTo(true));
		MvcTestResult started = postJson("/api/devices/" + device + "/verifications",
				"{\"serverId\":\"" + serverId + "\"}");
		assertThat(started).hasStatus(HttpStatus.ACCEPTED);
		String runId = JsonPath.read(started.getResponse().getContentAsString(), "$.runId");
		await().atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> !"RUNNING".equals(JsonPath.read(get("/api/verifications/" + runId), "$.status")));
		String run = get("/api/verifications/" + runId);
		assertThat(run).contains("server trusted by: the server CA confirmed");
		return JsonPath.read(run, "$.status");
	}

	private void confirm(String id, String fingerprint) {
		assertThat(postJson("/api/thingsboard/servers/" + id + "/ca/confirm",
				"{\"sha256Fingerprint\":\"" + fingerprint + "\"}"))
			.hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.serverCa.sha256Fingerprint", (v) -> v.assertThat().isEqualTo(fingerprint));
	}

	private String passwordServer(ThingsBoardDouble target) {
		return created("{\"name\":\"tb39-%s\",\"url\":\"%s\",\"username\":\"%s\",\"password\":\"%s\",\"coapHost\":"
			.formatted(UUID.randomUUID(), target.baseUrl(), ThingsBoardDouble.TENANT_ADMIN,
					ThingsBoardDouble.TENANT_PASSWORD)
				+ "\"localhost\",\"coapPort\":" + target.coapPort() + "}");
	}

	private String device() {
		return createdId(postJson("/api/devices", "{\"name\":\"tb39-device-" + UUID.randomUUID() + "\"}"));
	}

	private String created(String body) {
		return createdId(postJson("/api/thingsboard/servers", body));
	}

	private String get(String uri) throws Exception {
		return getAsAdmin(uri).getResponse().getContentAsString();
	}

	private static Finding finding(List<Finding> findings, String check) {
		return findings.stream().filter((f) -> f.check().equals(check)).findFirst().orElseThrow();
	}

}

package dev.keysmith.preflight;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.TestAccounts;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.TestCa;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.thingsboard.ServerSettings;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * The pre-flight check against the ThingsBoard double, with each thing that can be wrong.
 */
@ThingsBoardDoubleTest(publishServerCa = true)
class ServerCheckServiceTests extends KeysmithTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Autowired
	ServerCheckService checks;

	@Autowired
	ThingsBoardServerService servers;

	@Test
	void checkWhenAllIsWellThenEveryFindingOkAndHandshakeRevealsServer() {
		UUID id = server(thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_PASSWORD, "localhost", thingsBoard.coapPort(),
				true);
		trust(id, PemCodec.certificate(thingsBoard.serverCa()));

		List<Finding> findings = this.checks.check(id);
		assertThat(findings).extracting(Finding::check)
			.containsExactly("REST API", "Sign-in", "Device profiles", "Server CA", "CoAP over DTLS");
		assertThat(status(findings, "REST API")).isEqualTo(Finding.Status.OK);
		assertThat(detail(findings, "Sign-in")).isEqualTo("Signed in with username and password (JWT)");
		assertThat(status(findings, "Device profiles")).isEqualTo(Finding.Status.WARNING);
		assertThat(detail(findings, "Device profiles")).contains("mqtt-only (MQTT)").contains("refused over CoAP");
		assertThat(status(findings, "Server CA")).isEqualTo(Finding.Status.OK);
		assertThat(status(findings, "CoAP over DTLS")).isEqualTo(Finding.Status.OK);
		assertThat(detail(findings, "CoAP over DTLS")).contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
			.contains("with a connection ID")
			.contains("CN=localhost, issued by CN=ThingsBoard double CA")
			.contains("4.01 UNAUTHORIZED, as expected for an unregistered certificate");
	}

	@Test
	void checkWhenServerCertificateNotTrustedThenSaysSoAndShowsWhatItPresents() {
		UUID id = server(thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_PASSWORD, "127.0.0.1", thingsBoard.coapPort(),
				true);
		trust(id, PemCodec.certificate(new TestCa("Some other CA").certificate()));

		List<Finding> findings = this.checks.check(id);
		assertThat(status(findings, "Server CA")).isEqualTo(Finding.Status.WARNING);
		assertThat(detail(findings, "Server CA")).contains("differs from the one ThingsBoard publishes");
		assertThat(status(findings, "CoAP over DTLS")).isEqualTo(Finding.Status.FAILED);
		assertThat(detail(findings, "CoAP over DTLS")).contains("does not trust the DTLS server's certificate")
			.contains("The server presents CN=localhost, issued by CN=ThingsBoard double CA, SHA-256 ");
	}

	@Test
	void checkWhenNothingListensOnTheDtlsPortThenTimeoutDiagnosisWithinTheBound() throws Exception {
		int silentPort;
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			silentPort = socket.getLocalPort();
		}
		UUID id = server(thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_PASSWORD, "127.0.0.1", silentPort, true);
		long started = System.nanoTime();
		List<Finding> findings = this.checks.check(id);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(status(findings, "CoAP over DTLS")).isEqualTo(Finding.Status.FAILED);
		assertThat(detail(findings, "CoAP over DTLS"))
			.contains("No answer to the DTLS handshake from 127.0.0.1:" + silentPort)
			.contains("(3 retransmissions, ")
			.contains("COAP_DTLS_ENABLED");
		// the deadline is the behaviour: about 8 s of retransmissions, bounded generously
		// for a busy machine
		assertThat(took).isLessThan(Duration.ofSeconds(25));
	}

	@Test
	void checkWhenRestDownThenFailedAndDependentChecksSkipped() throws Exception {
		int closed;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		UUID id = server("http://127.0.0.1:" + closed, "x", "127.0.0.1", thingsBoard.coapPort(), true);
		List<Finding> findings = this.checks.check(id);
		assertThat(status(findings, "REST API")).isEqualTo(Finding.Status.FAILED);
		assertThat(detail(findings, "REST API")).contains("cannot be reached");
		assertThat(status(findings, "Sign-in")).isEqualTo(Finding.Status.SKIPPED);
		assertThat(status(findings, "Device profiles")).isEqualTo(Finding.Status.SKIPPED);
	}

	@Test
	void checkWhenPasswordWrongOrTwoFactorThenSignInFailsWithAdvice() {
		UUID wrong = server(thingsBoard.baseUrl(), "wrong", "127.0.0.1", thingsBoard.coapPort(), true);
		assertThat(detail(this.checks.check(wrong), "Sign-in")).contains("invalid username or password");
		UUID twoFactor = this.servers
			.create(new ServerSettings("2fa-" + UUID.randomUUID(), thingsBoard.baseUrl(),
					ThingsBoardDouble.TWO_FACTOR_USER, ThingsBoardDouble.TENANT_PASSWORD, null, "127.0.0.1",
					thingsBoard.coapPort(), null, true, null, null))
			.getId();
		assertThat(detail(this.checks.check(twoFactor), "Sign-in")).contains("two-factor").contains("API key");
	}

	@Test
	void checkWhenNoCaTrustedThenWarnsWithThePublishedFingerprint() {
		UUID id = server(thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_PASSWORD, "127.0.0.1", thingsBoard.coapPort(),
				false);
		List<Finding> findings = this.checks.check(id);
		assertThat(status(findings, "Server CA")).isEqualTo(Finding.Status.WARNING);
		assertThat(detail(findings, "Server CA")).contains(Fingerprints.sha256(thingsBoard.serverCa()));
		// the public CAs do not vouch for the double's certificate
		assertThat(status(findings, "CoAP over DTLS")).isEqualTo(Finding.Status.FAILED);
		assertThat(detail(findings, "CoAP over DTLS")).contains("the JDK's public CAs");
	}

	@Test
	void checkWhenRunFromPageOrApiThenSameFindingsRendered() {
		UUID id = server(thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_PASSWORD, "127.0.0.1", thingsBoard.coapPort(),
				true);
		trust(id, PemCodec.certificate(thingsBoard.serverCa()));
		assertThat(this.mvc.post()
			.uri("/servers/" + id + "/check")
			.header("HX-Request", "true")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("finding-ok")
			.contains("CoAP over DTLS")
			.contains("as expected for an unregistered certificate")
			.doesNotContain("<html");
		assertThat(this.mvc.post()
			.uri("/api/thingsboard/servers/" + id + "/check")
			.with(httpBasic("admin", ADMIN_PASSWORD))).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.ok", (v) -> v.assertThat().isEqualTo(true))
			.hasPathSatisfying("$.findings.length()", (v) -> v.assertThat().isEqualTo(5))
			.hasPathSatisfying("$.findings[4].status", (v) -> v.assertThat().isEqualTo("OK"));
	}

	private UUID server(String url, String password, String coapHost, int coapPort, boolean verifyHostName) {
		return this.servers
			.create(new ServerSettings("check-" + UUID.randomUUID(), url, ThingsBoardDouble.TENANT_ADMIN, password,
					null, coapHost, coapPort, null, verifyHostName, null, null))
			.getId();
	}

	private void trust(UUID id, String pem) {
		this.servers.proposeServerCa(id, pem);
		this.servers.confirmServerCa(id, Fingerprints.sha256(dev.keysmith.pki.Certificates.fromPem(pem)));
	}

	private static Finding.Status status(List<Finding> findings, String check) {
		return findings.stream().filter((f) -> f.check().equals(check)).findFirst().orElseThrow().status();
	}

	private static String detail(List<Finding> findings, String check) {
		return findings.stream().filter((f) -> f.check().equals(check)).findFirst().orElseThrow().detail();
	}

}

package dev.keysmith.testkit;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.dtls.DtlsClient;
import dev.keysmith.dtls.DtlsIdentity;
import dev.keysmith.dtls.DtlsProperties;
import dev.keysmith.dtls.ServerTrust;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The double in its 3.9 mode answers as the measured ThingsBoard CE 3.9.1 did, byte for
 * byte where the recording has the bytes; libcoap's client is the independent DTLS peer.
 */
@ThingsBoardDoubleTest(version = ThingsBoardDoubleTest.Version.CE_3_9, shared = false)
class ThingsBoardDoubleVersion39Tests {

	ThingsBoardDouble thingsBoard;

	private final HttpClient http = HttpClient.newHttpClient();

	private final CertificateIssuer issuer = new CertificateIssuer();

	@TempDir
	Path dir;

	@Test
	void restWhenApiKeyThenTakenForABadTokenAndNoSuchEndpoint() throws Exception {
		assertError(send("GET", "/api/system/info", "ApiKey tb_0123456789abcdef", null), 401, 10,
				"Invalid username or password");
		assertError(send("POST", "/api/apiKey", bearer(), "{\"description\":\"facts\"}"), 404, 32,
				"No static resource api/apiKey.");
	}

	@Test
	void restWhenCoapsCertificateDownloadThen401WithoutTokenAnd404WithOne() throws Exception {
		String path = "/api/device-connectivity/coaps/certificate/download";
		assertError(send("GET", path, null, null), 401, 10, "Authentication failed");
		assertError(send("GET", path, bearer(), null), 404, 32, "coaps pem cert file is not found!");
	}

	@Test
	void restWhenSystemInfoThenVersion391AndDeviceJsonWithoutDuplicatedKey() throws Exception {
		HttpResponse<String> info = send("GET", "/api/system/info", bearer(), null);
		assertThat(info.body()).isEqualTo(
				"{\"version\":\"3.9.1\",\"artifact\":\"application\",\"name\":\"ThingsBoard Server Application\","
						+ "\"type\":\"CE\"}");
		String pem = PemCodec.certificate(this.issuer.issue(KeyType.EC_P256, "facts-dwc", 30).certificate());
		HttpResponse<String> device = send("POST", "/api/device-with-credentials", bearer(),
				"{\"device\":{\"name\":\"facts-dwc\"},\"credentials\":{\"credentialsType\":\"X509_CERTIFICATE\","
						+ "\"credentialsValue\":" + quote(pem) + "}}");
		assertThat(device.body()).contains(
				"\"deviceData\":{\"configuration\":{\"type\":\"DEFAULT\"},\"transportConfiguration\":{\"type\":\"DEFAULT\"}}");
	}

	@Test
	void dtlsWhenHandshakeThenNoConnectionId() {
		IssuedCredential throwaway = this.issuer.issue(KeyType.EC_P256, "probe", 1);
		DtlsProperties properties = new DtlsProperties(Duration.ofSeconds(1), 1.5f, 3, Duration.ofSeconds(5));
		try (DtlsClient client = DtlsClient.open(properties,
				new DtlsIdentity(throwaway.privateKey(), throwaway.certificate()), new ServerTrust.AnyCertificate(),
				"127.0.0.1", new InetSocketAddress(InetAddress.getLoopbackAddress(), this.thingsBoard.coapPort()),
				false, (note) -> {
				})) {
			client.ping();
			assertThat(client.handshake().completed()).isTrue();
			assertThat(client.handshake().connectionId()).isFalse();
		}
	}

	@NeedsLibcoap
	@Test
	void dtlsWhenAddressAuthenticatedRecentlyThenAnyCertificateOrNoneIsThatDevice() throws Exception {
		IssuedCredential registered = this.issuer.issue(KeyType.EC_P256, "facts-switch", 30);
		IssuedCredential unregistered = this.issuer.issue(KeyType.EC_P256, "stranger", 30);
		files("a", registered);
		files("c", unregistered);
		send("POST", "/api/device-with-credentials", bearer(),
				"{\"device\":{\"name\":\"facts-switch\"},\"credentials\":{\"credentialsType\":\"X509_CERTIFICATE\","
						+ "\"credentialsValue\":" + quote(PemCodec.certificate(registered.certificate())) + "}}");
		int first = freeUdpPort();
		int fresh = freeUdpPort();

		assertThat(post("-c a.pem -j a.key", first, 1)).contains("c:2.01");
		assertThat(post("-c c.pem -j c.key", first, 2)).contains("c:2.01");
		assertThat(post("", first, 3)).contains("c:2.01");
		assertThat(post("-c c.pem -j c.key", fresh, 4)).contains("c:4.01");
		String deviceId = this.thingsBoard.device("facts-switch").orElseThrow().id;
		assertThat(this.thingsBoard.latestTelemetry(deviceId, "sw")).get()
			.extracting(TbState.TsEntry::value)
			.isEqualTo("3");
	}

	/**
	 * A telemetry POST {"sw":n} by libcoap's client from a fixed local port, with its PDU
	 * log.
	 */
	private String post(String credentials, int localPort, int value) throws Exception {
		return Shell.run(this.dir,
				"coap-client-openssl -v 6 -p " + localPort + " " + credentials
						+ " -m POST -t application/json -e '{\"sw\":" + value + "}' coaps://127.0.0.1:"
						+ this.thingsBoard.coapPort() + "/api/v1/telemetry");
	}

	private void files(String name, IssuedCredential credential) throws Exception {
		Files.writeString(this.dir.resolve(name + ".pem"), PemCodec.certificate(credential.certificate()));
		Files.writeString(this.dir.resolve(name + ".key"), PemCodec.privateKey(credential));
	}

	private static int freeUdpPort() throws Exception {
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private String bearer() throws Exception {
		HttpResponse<String> login = send("POST", "/api/auth/login", null, "{\"username\":\""
				+ ThingsBoardDouble.TENANT_ADMIN + "\",\"password\":\"" + ThingsBoardDouble.TENANT_PASSWORD + "\"}");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).doesNotContain("scope");
		return "Bearer " + JsonPath.read(login.body(), "$.token");
	}

	private HttpResponse<String> send(String method, String path, String authorization, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.thingsBoard.baseUrl() + path))
			.timeout(Duration.ofSeconds(10))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (authorization != null) {
			request.header("X-Authorization", authorization);
		}
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertError(HttpResponse<String> response, int status, int errorCode, String message) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.body()).startsWith("{\"status\":" + status + ",\"message\":\"" + message
				+ "\",\"errorCode\":" + errorCode + ",\"timestamp\":");
	}

	private static String quote(String text) {
		return "\"" + text.replace("\n", "\\n") + "\"";
	}

}

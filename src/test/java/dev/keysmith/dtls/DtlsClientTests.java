package dev.keysmith.dtls;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.TbState;
import dev.keysmith.testkit.TestCa;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.thingsboard.client.ThingsBoardClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keysmith's DTLS client against the double's Californium DTLS server: the CoAP/DTLS
 * behaviour of the contract, as both the double and the client must have it.
 */
@ThingsBoardDoubleTest(shared = false)
class DtlsClientTests {

	private static final DtlsProperties PROPERTIES = new DtlsProperties(Duration.ofSeconds(1), 1.5f, 3,
			Duration.ofSeconds(5));

	ThingsBoardDouble thingsBoard;

	private final CertificateIssuer issuer = new CertificateIssuer();

	@Test
	void postWhenCertificateRegisteredThenSeparate201AndValueStored() {
		IssuedCredential device = this.issuer.issue(KeyType.EC_P256, "dtls-registered", 30);
		String id = register("dtls-registered", device);
		try (DtlsClient client = open(device)) {
			DtlsClient.Exchange exchange = client.post("/api/v1/telemetry", "{\"temperature\":43}");
			assertThat(exchange.response().getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
			// ThingsBoard answers a confirmable POST separately, with a confirmable
			// response
			assertThat(exchange.response().advanced().getType()).isEqualTo(CoAP.Type.CON);
			HandshakeReport handshake = client.handshake();
			assertThat(handshake.completed()).isTrue();
			assertThat(handshake.cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
			assertThat(handshake.serverCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
			assertThat(handshake.connectionId()).isTrue();
			assertThat(handshake.retransmittedFlights()).isEmpty();
		}
		assertThat(this.thingsBoard.latestTelemetry(id, "temperature")).get()
			.extracting(TbState.TsEntry::value)
			.isEqualTo("43");
	}

	@Test
	void postWhenP384DeviceIssuedByKeysmithThenCreated() {
		IssuedCredential device = this.issuer.issue(KeyType.EC_P384, "dtls-p384", 30);
		register("dtls-p384", device);
		try (DtlsClient client = open(device)) {
			assertThat(client.post("/api/v1/telemetry", "{\"t\":1}").response().getCode())
				.isEqualTo(CoAP.ResponseCode.CREATED);
		}
	}

	@Test
	void postWhenCertificateSignedWithSha384ThenSentWithoutItAndRefused() throws Exception {
		// Scandium's default server settings (ThingsBoard's) list only SHA-256
		// signatures:
		// the client then sends no certificate at all, and the registered device is
		// refused
		IssuedCredential device = TestCa.selfSignedWithSha384("dtls-sha384");
		register("dtls-sha384", device);
		try (DtlsClient client = open(device)) {
			assertThat(client.post("/api/v1/telemetry", "{\"t\":1}").response().getCode())
				.isEqualTo(CoAP.ResponseCode.UNAUTHORIZED);
			assertThat(client.handshake().completed()).isTrue();
		}
	}

	@Test
	void postWhenRsaDeviceMeetsEcServerThenEcdsaSuiteNegotiated() {
		IssuedCredential device = this.issuer.issue(KeyType.RSA_2048, "dtls-rsa", 30);
		register("dtls-rsa", device);
		try (DtlsClient client = open(device)) {
			DtlsClient.Exchange exchange = client.post("/api/v1/telemetry", "{\"t\":1}");
			assertThat(exchange.response().getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
			assertThat(client.handshake().cipherSuite()).startsWith("TLS_ECDHE_ECDSA_");
		}
	}

	@Test
	void postWhenCertificateUnknownThenHandshakeCompletesAnd401() {
		IssuedCredential device = this.issuer.issue(KeyType.EC_P384, "dtls-unknown", 30);
		try (DtlsClient client = open(device)) {
			DtlsClient.Exchange exchange = client.post("/api/v1/telemetry", "{\"temperature\":43}");
			assertThat(client.handshake().completed()).isTrue();
			assertThat(exchange.response().getCode()).isEqualTo(CoAP.ResponseCode.UNAUTHORIZED);
			assertThat(exchange.response().getPayload()).isEmpty();
		}
	}

	@Test
	void handshakeWhenCertificateExpiredThenServerSendsBadCertificate() {
		IssuedCredential expired = this.thingsBoard.ca()
			.clientCredential("expired", Instant.now().minus(Duration.ofDays(10)),
					Instant.now().minus(Duration.ofDays(1)));
		try (DtlsClient client = open(expired)) {
			DtlsClient.Exchange exchange = client.post("/api/v1/telemetry", "{}");
			assertThat(exchange.response()).isNull();
			HandshakeReport handshake = client.handshake();
			assertThat(handshake.completed()).isFalse();
			assertThat(handshake.alert()).isEqualTo("fatal BAD_CERTIFICATE");
		}
	}

	@Test
	void sessionWhenMadeBeforeThePushThenStaysUnauthorisedButANewConnectorIsServed() {
		IssuedCredential device = this.issuer.issue(KeyType.EC_P256, "dtls-stale", 30);
		try (DtlsClient early = open(device)) {
			assertThat(early.post("/api/v1/telemetry", "{\"a\":1}").response().getCode())
				.isEqualTo(CoAP.ResponseCode.UNAUTHORIZED);
			register("dtls-stale", device);
			assertThat(early.post("/api/v1/telemetry", "{\"a\":2}").response().getCode())
				.isEqualTo(CoAP.ResponseCode.UNAUTHORIZED);
			try (DtlsClient fresh = open(device)) {
				assertThat(fresh.post("/api/v1/telemetry", "{\"a\":3}").response().getCode())
					.isEqualTo(CoAP.ResponseCode.CREATED);
			}
		}
	}

	@Test
	void postWhenPayloadNotJsonOrServerFailsThen400Or500() {
		IssuedCredential device = this.issuer.issue(KeyType.EC_P256, "dtls-bad", 30);
		register("dtls-bad", device);
		try (DtlsClient client = open(device)) {
			assertThat(client.post("/api/v1/telemetry", "{temperature:").response().getCode())
				.isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
			this.thingsBoard.failTelemetry(CoAP.ResponseCode.INTERNAL_SERVER_ERROR);
			assertThat(client.post("/api/v1/telemetry", "{\"a\":1}").response().getCode())
				.isEqualTo(CoAP.ResponseCode.INTERNAL_SERVER_ERROR);
		}
	}

	@Test
	void observeWhenSharedAttributesChangeThenOneNotificationEachWithOnlyTheChange() throws Exception {
		IssuedCredential device = this.issuer.issue(KeyType.EC_P256, "dtls-observe", 30);
		String id = register("dtls-observe", device);
		BlockingQueue<String> notifications = new LinkedBlockingQueue<>();
		try (DtlsClient client = open(device)) {
			CoapObserveRelation relation = client.observe("/api/v1/attributes", new CoapHandler() {
				@Override
				public void onLoad(CoapResponse response) {
					notifications.add(response.getCode().name() + " " + response.getResponseText());
				}

				@Override
				public void onError() {
					notifications.add("error");
				}
			});
			assertThat(notifications.poll(5, TimeUnit.SECONDS)).isEqualTo("CONTENT {}");
			ThingsBoardClient rest = restClient();
			rest.setSharedAttributes(id, Map.of("keysmith_probe", "nonce-1"));
			assertThat(notifications.poll(5, TimeUnit.SECONDS)).isEqualTo("CONTENT {\"keysmith_probe\":\"nonce-1\"}");
			rest.deleteSharedAttributes(id, List.of("keysmith_probe"));
			assertThat(notifications.poll(5, TimeUnit.SECONDS)).isEqualTo("CONTENT {\"deleted\":[\"keysmith_probe\"]}");
			relation.proactiveCancel();
		}
	}

	@Test
	void handshakeWhenServerWithoutConnectionIdThenNoneNegotiated() {
		try (ThingsBoardDouble old = ThingsBoardDouble.startWithoutConnectionId()) {
			IssuedCredential device = this.issuer.issue(KeyType.EC_P256, "dtls-old", 30);
			try (DtlsClient client = DtlsClient.open(PROPERTIES,
					new DtlsIdentity(device.privateKey(), device.certificate()),
					new ServerTrust.TrustedCas(List.of(old.serverCa()), "test"), "127.0.0.1",
					new InetSocketAddress(InetAddress.getLoopbackAddress(), old.coapPort()), true, (note) -> {
					})) {
				assertThat(client.post("/api/v1/telemetry", "{}").response().getCode())
					.isEqualTo(CoAP.ResponseCode.UNAUTHORIZED);
				assertThat(client.handshake().connectionId()).isFalse();
			}
		}
	}

	private DtlsClient open(IssuedCredential device) {
		return DtlsClient.open(PROPERTIES, new DtlsIdentity(device.privateKey(), device.certificate()),
				new ServerTrust.TrustedCas(List.of(this.thingsBoard.serverCa()), "test"), "localhost",
				new InetSocketAddress(InetAddress.getLoopbackAddress(), this.thingsBoard.coapPort()), true, (note) -> {
				});
	}

	private String register(String name, IssuedCredential device) {
		return restClient().createDeviceWithCredentials(name, null, PemCodec.certificate(device.certificate()))
			.id()
			.id();
	}

	private ThingsBoardClient restClient() {
		return dev.keysmith.thingsboard.client.TestClients.client(this.thingsBoard);
	}

}

package dev.keysmith.dtls;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.keysmith.pki.CaIssuer;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.NarrowPath;
import dev.keysmith.testkit.NeedsLibcoap;
import dev.keysmith.testkit.TestCa;
import org.eclipse.californium.core.coap.CoAP;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keysmith's DTLS client against an independent DTLS stack: libcoap's coap-server-openssl
 * with PKI credentials (a CA, a server certificate, client certificates verified against
 * the CA). libcoap's server takes no MTU setting: a {@link NarrowPath} in front of it
 * stands for a server that reads small datagrams only.
 */
@NeedsLibcoap
class LibcoapServerInteropTests {

	private static final DtlsProperties PROPERTIES = new DtlsProperties(Duration.ofSeconds(1), 1.5f, 3,
			Duration.ofSeconds(5));

	private final TestCa ca = new TestCa("libcoap interop CA");

	@TempDir
	Path dir;

	private Process server;

	private InetSocketAddress dtls;

	@BeforeEach
	void startServer() throws Exception {
		IssuedCredential serverCredential = this.ca.serverCredential("localhost");
		Files.writeString(this.dir.resolve("ca.pem"), PemCodec.certificate(this.ca.certificate()));
		Files.writeString(this.dir.resolve("server.pem"), PemCodec.certificate(serverCredential.certificate()));
		Files.writeString(this.dir.resolve("server-key.pem"), PemCodec.privateKey(serverCredential));
		int port = freePortPair();
		this.server = new ProcessBuilder("coap-server-openssl", "-A", "127.0.0.1", "-p", String.valueOf(port), "-c",
				"server.pem", "-j", "server-key.pem", "-C", "ca.pem", "-v", "4")
			.directory(this.dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("server.log").toFile())
			.start();
		// coaps listens on port + 1
		this.dtls = new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 1);
	}

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.destroyForcibly();
		}
	}

	@Test
	void requestWhenDeviceCertificateIssuedByTheServersCaThenHandshakeCompletesAndAnswered() throws Exception {
		IssuedCredential device = this.ca.clientCredential("interop-device", Instant.now().minus(Duration.ofMinutes(5)),
				Instant.now().plus(Duration.ofDays(1)));
		DtlsClient.Exchange exchange = getRoot(device);
		assertThat(exchange.response()).as(log()).isNotNull();
		assertThat(exchange.response().getCode()).isEqualTo(CoAP.ResponseCode.CONTENT);
		assertThat(exchange.response().getResponseText()).contains("libcoap");
	}

	@Test
	void requestWhenKeysmithIssuedTheDeviceFromTheCaTheServerTrustsThenHandshakeCompletesAndAnswered()
			throws Exception {
		// the server's CA imported into Keysmith as a device CA, Keysmith issuing from it
		IssuedCredential issued = new CaIssuer(new SecureRandom(), Clock.systemUTC()).issue(KeyType.EC_P256,
				"ca-issued-device", 10, this.ca.asSigner());
		IssuedCredential device = new IssuedCredential(issued.keyType(), issued.privateKey(), issued.certificate(),
				List.of(this.ca.certificate()));
		try (DtlsClient client = DtlsClient.open(PROPERTIES,
				new DtlsIdentity(device.privateKey(), device.certificate(), device.issuers()),
				new ServerTrust.TrustedCas(List.of(this.ca.certificate()), "the interop CA"), "localhost", this.dtls,
				true, (note) -> {
				})) {
			getRoot(this.ca.clientCredential("interop-ready", Instant.now().minus(Duration.ofMinutes(5)),
					Instant.now().plus(Duration.ofDays(1))));
			DtlsClient.Exchange exchange = client.get("/");
			assertThat(exchange.response()).as(log()).isNotNull();
			assertThat(exchange.response().getCode()).isEqualTo(CoAP.ResponseCode.CONTENT);
		}
	}

	@Test
	void handshakeWhenDeviceCertificateFromAnotherCaThenLibcoapRefusesIt() throws Exception {
		IssuedCredential stranger = new TestCa("Some other CA").clientCredential("stranger",
				Instant.now().minus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofDays(1)));
		try (DtlsClient client = open(stranger)) {
			assertThat(client.get("/").response()).isNull();
			HandshakeReport handshake = client.handshake();
			assertThat(handshake.completed()).isFalse();
			assertThat(handshake.alert()).as(handshake.toString()).startsWith("fatal ");
		}
	}

	@Test
	void requestWhenServerTakesAtMost512BytesThenLargeCertificateSplitToFitAndNothingSentAgain() throws Exception {
		getRoot(this.ca.clientCredential("interop-ready", Instant.now().minus(Duration.ofMinutes(5)),
				Instant.now().plus(Duration.ofDays(1))));
		IssuedCredential large = this.ca.clientCredentialOfSize("interop-2k", 2087);
		try (NarrowPath path = NarrowPath.to(this.dtls, 512); DtlsClient client = open(large, path.address(), 512)) {
			DtlsClient.Exchange exchange = client.get("/");
			assertThat(exchange.response()).as(log()).isNotNull();
			assertThat(exchange.response().getCode()).isEqualTo(CoAP.ResponseCode.CONTENT);
			HandshakeReport handshake = client.handshake();
			assertThat(handshake.retransmittedFlights()).isEmpty();
			assertThat(handshake.largestDatagram()).isBetween(400, 512);
			assertThat(path.dropped()).isZero();
		}
	}

	@Test
	void requestWhenClientLimitAboveWhatTheServerTakesThenFlightDroppedAndSentAgain() throws Exception {
		getRoot(this.ca.clientCredential("interop-ready", Instant.now().minus(Duration.ofMinutes(5)),
				Instant.now().plus(Duration.ofDays(1))));
		IssuedCredential large = this.ca.clientCredentialOfSize("interop-2k-whole", 2087);
		try (NarrowPath path = NarrowPath.to(this.dtls, 512); DtlsClient client = open(large, path.address(), 16384)) {
			assertThat(client.get("/").response()).as(log()).isNotNull();
			assertThat(client.handshake().retransmittedFlights()).startsWith(5);
			assertThat(path.dropped()).isPositive();
		}
	}

	private DtlsClient open(IssuedCredential device, InetSocketAddress address, int datagramLimit) {
		return DtlsClient.open(PROPERTIES, new DtlsIdentity(device.privateKey(), device.certificate()),
				new ServerTrust.TrustedCas(List.of(this.ca.certificate()), "the interop CA"),
				new DtlsPeer("localhost", address, true, datagramLimit), (note) -> {
				});
	}

	private DtlsClient.Exchange getRoot(IssuedCredential device) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			try (DtlsClient client = open(device)) {
				DtlsClient.Exchange exchange = client.get("/");
				HandshakeReport handshake = client.handshake();
				if (exchange.response() != null || System.nanoTime() > deadline) {
					assertThat(handshake.completed()).isTrue();
					assertThat(handshake.serverCertificate().getSubjectX500Principal().getName())
						.isEqualTo("CN=localhost");
					return exchange;
				}
			}
			Thread.sleep(200); // the server may still be starting
		}
	}

	private DtlsClient open(IssuedCredential device) {
		return DtlsClient.open(PROPERTIES, new DtlsIdentity(device.privateKey(), device.certificate()),
				new ServerTrust.TrustedCas(List.of(this.ca.certificate()), "the interop CA"), "localhost", this.dtls,
				true, (note) -> {
				});
	}

	private String log() throws IOException {
		return Files.readString(this.dir.resolve("server.log"));
	}

	private static int freePortPair() throws IOException {
		for (int attempt = 0; attempt < 50; attempt++) {
			try (DatagramSocket first = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
				int port = first.getLocalPort();
				if (port >= 65535) {
					continue;
				}
				try (DatagramSocket second = new DatagramSocket(port + 1, InetAddress.getLoopbackAddress())) {
					return port;
				}
				catch (IOException taken) {
					// try another pair
				}
			}
		}
		throw new IOException("No two free consecutive UDP ports on loopback");
	}

}

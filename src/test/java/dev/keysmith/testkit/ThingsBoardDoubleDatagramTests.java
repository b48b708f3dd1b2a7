package dev.keysmith.testkit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.keysmith.dtls.DtlsClient;
import dev.keysmith.dtls.DtlsIdentity;
import dev.keysmith.dtls.DtlsPeer;
import dev.keysmith.dtls.DtlsProperties;
import dev.keysmith.dtls.HandshakeReport;
import dev.keysmith.dtls.ServerTrust;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.CertificateSize;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.thingsboard.client.TestClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The double's DTLS server takes datagrams as ThingsBoard's does with its two datagram
 * settings (measured against CE 4.3.1.3 with libcoap's client): with the defaults, a
 * device certificate that libcoap sends in one piece larger than the server reads is lost
 * every time it is sent.
 */
class ThingsBoardDoubleDatagramTests {

	@TempDir
	Path dir;

	@NeedsLibcoap
	@Test
	void libcoapWhenCertificateFitsOneDatagramThenCreated() throws Exception {
		try (ThingsBoardDouble thingsBoard = ThingsBoardDouble.start()) {
			// 1,099 + 31 bytes of headers: the 1,130 bytes the server reads with the
			// defaults
			IssuedCredential device = registered(thingsBoard, "largest-whole",
					CertificateSize.largestWhole(CertificateSize.THINGSBOARD_DEFAULT_DATAGRAM_LIMIT));
			assertThat(device.certificate().getEncoded()).hasSize(1099);
			assertThat(libcoapPost(thingsBoard, device)).contains("c:2.01");
		}
	}

	@NeedsLibcoap
	@Test
	void libcoapWhenCertificateOneByteLargerThenNeverCompletes() throws Exception {
		try (ThingsBoardDouble thingsBoard = ThingsBoardDouble.start()) {
			IssuedCredential device = registered(thingsBoard, "one-byte-too-large",
					CertificateSize.largestWhole(CertificateSize.THINGSBOARD_DEFAULT_DATAGRAM_LIMIT) + 1);
			assertThat(libcoapPost(thingsBoard, device)).doesNotContain("c:2.01").contains("DTLS retransmit timeout");
		}
	}

	@NeedsLibcoap
	@Test
	void libcoapWhenCertificateOfTwoKilobytesThenNeverCompletes() throws Exception {
		try (ThingsBoardDouble thingsBoard = ThingsBoardDouble.start()) {
			IssuedCredential device = registered(thingsBoard, "two-kilobytes", 2087);
			String output = libcoapPost(thingsBoard, device);
			assertThat(output).doesNotContain("c:2.01").contains("DTLS retransmit timeout");
		}
	}

	@NeedsLibcoap
	@Test
	void libcoapWhenFragmentLengthRaisedThenCertificateOfTwoKilobytesCreated() throws Exception {
		try (ThingsBoardDouble thingsBoard = ThingsBoardDouble.start(new DtlsLimits(1024, 2048))) {
			IssuedCredential device = registered(thingsBoard, "two-kilobytes-raised", 2087);
			assertThat(libcoapPost(thingsBoard, device)).contains("c:2.01");
		}
	}

	@Test
	void handshakeWhenClientDatagramsOverTheLimitThenFlightLostAndSentAgain() {
		try (ThingsBoardDouble thingsBoard = ThingsBoardDouble.start()) {
			HandshakeReport handshake = rsaHandshake(thingsBoard);
			assertThat(handshake.completed()).isTrue();
			assertThat(handshake.largestDatagram()).isGreaterThan(1130);
			assertThat(handshake.retransmittedFlights()).startsWith(5);
		}
	}

	@Test
	void handshakeWhenLimitsUnsetThenLargeDatagramsTaken() {
		try (ThingsBoardDouble thingsBoard = ThingsBoardDouble.start(new DtlsLimits(0, 0))) {
			HandshakeReport handshake = rsaHandshake(thingsBoard);
			assertThat(handshake.largestDatagram()).isGreaterThan(1130);
			assertThat(handshake.retransmittedFlights()).isEmpty();
		}
	}

	/**
	 * An RSA 2048 handshake by a client that sends its whole flight 5 (about 1.3 KB) in
	 * one datagram.
	 */
	private static HandshakeReport rsaHandshake(ThingsBoardDouble thingsBoard) {
		IssuedCredential device = new CertificateIssuer().issue(KeyType.RSA_2048, "rsa-whole-flights", 1);
		DtlsPeer peer = new DtlsPeer("127.0.0.1",
				new InetSocketAddress(InetAddress.getLoopbackAddress(), thingsBoard.coapPort()), false, 16384);
		try (DtlsClient client = DtlsClient.open(
				new DtlsProperties(Duration.ofSeconds(1), 1.5f, 3, Duration.ofSeconds(5)),
				new DtlsIdentity(device.privateKey(), device.certificate()), new ServerTrust.AnyCertificate(), peer,
				(note) -> {
				})) {
			client.ping();
			return client.handshake();
		}
	}

	private IssuedCredential registered(ThingsBoardDouble thingsBoard, String name, int derBytes) {
		IssuedCredential device = thingsBoard.ca().clientCredentialOfSize(name, derBytes);
		TestClients.client(thingsBoard)
			.createDeviceWithCredentials(name, null, PemCodec.certificate(device.certificate()));
		return device;
	}

	/**
	 * What coap-client-openssl prints for a telemetry POST, given 6 s at most (its
	 * retransmissions go 1, 2, 4 s).
	 */
	private String libcoapPost(ThingsBoardDouble thingsBoard, IssuedCredential device) throws Exception {
		Files.writeString(this.dir.resolve("cert.pem"), PemCodec.certificate(device.certificate()));
		Files.writeString(this.dir.resolve("key.pem"), PemCodec.privateKey(device));
		Process process = new ProcessBuilder("coap-client-openssl", "-v", "7", "-B", "6", "-c", "cert.pem", "-j",
				"key.pem", "-m", "POST", "-t", "application/json", "-e", "{\"t\":1}",
				"coaps://127.0.0.1:" + thingsBoard.coapPort() + "/api/v1/telemetry")
			.directory(this.dir.toFile())
			.redirectErrorStream(true)
			.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return output;
	}

}

package dev.keysmith.dtls;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.CertificateSize;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.DtlsLimits;
import dev.keysmith.testkit.TbState;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.thingsboard.client.TestClients;
import org.eclipse.californium.core.coap.CoAP;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keysmith's DTLS client keeps every datagram within the server's limit from the first
 * flight, against the double configured as ThingsBoard is by default (1,024 and 1,024).
 */
@ThingsBoardDoubleTest(shared = false)
class DtlsDatagramLimitTests {

	private static final DtlsProperties PROPERTIES = new DtlsProperties(Duration.ofSeconds(1), 1.5f, 3,
			Duration.ofSeconds(5));

	ThingsBoardDouble thingsBoard;

	@Test
	void handshakeWhenRsaDeviceMeetsThingsBoardDefaultsThenNoFlightSentAgain() {
		IssuedCredential device = new CertificateIssuer().issue(KeyType.RSA_2048, "limit-rsa", 30);
		register("limit-rsa", device);
		try (DtlsClient client = open(device)) {
			assertThat(client.post("/api/v1/telemetry", "{\"t\":1}").response().getCode())
				.isEqualTo(CoAP.ResponseCode.CREATED);
			HandshakeReport handshake = client.handshake();
			assertThat(handshake.completed()).isTrue();
			assertThat(handshake.retransmittedFlights()).isEmpty();
			assertThat(handshake.largestDatagram()).isBetween(900, 1024);
		}
	}

	@Test
	void postWhenCertificateOfTwoKilobytesThenSplitWithinTheLimitAndCreated() {
		IssuedCredential device = this.thingsBoard.ca().clientCredentialOfSize("limit-2k", 2087);
		register("limit-2k", device);
		try (DtlsClient client = open(device)) {
			assertThat(client.post("/api/v1/telemetry", "{\"t\":1}").response().getCode())
				.isEqualTo(CoAP.ResponseCode.CREATED);
			assertThat(client.handshake().retransmittedFlights()).isEmpty();
			assertThat(client.handshake().largestDatagram()).isLessThanOrEqualTo(1024);
		}
	}

	@Test
	void handshakeWhenCertificateLongerThanTheServerPutsBackTogetherThenDecodeError() {
		IssuedCredential largest = this.thingsBoard.ca()
			.clientCredentialOfSize("limit-8k", CertificateSize.largestSplit());
		register("limit-8k", largest);
		try (DtlsClient client = open(largest)) {
			assertThat(client.post("/api/v1/telemetry", "{\"t\":1}").response().getCode())
				.isEqualTo(CoAP.ResponseCode.CREATED);
		}
		IssuedCredential tooLong = this.thingsBoard.ca()
			.clientCredentialOfSize("limit-8k-more", CertificateSize.largestSplit() + 1);
		try (DtlsClient client = open(tooLong)) {
			assertThat(client.post("/api/v1/telemetry", "{\"t\":1}").response()).isNull();
			assertThat(client.handshake().alert()).isEqualTo("fatal DECODE_ERROR");
		}
	}

	@Test
	void postWhenLimitLoweredThenEveryDatagramWithinItAndALargePayloadGoesInBlocks() {
		try (ThingsBoardDouble small = ThingsBoardDouble.start(new DtlsLimits(512, 512))) {
			IssuedCredential device = new CertificateIssuer().issue(KeyType.RSA_2048, "limit-512", 30);
			String id = TestClients.client(small)
				.createDeviceWithCredentials("limit-512", null, PemCodec.certificate(device.certificate()))
				.id()
				.id();
			String note = "x".repeat(900);
			DtlsPeer peer = new DtlsPeer("localhost",
					new InetSocketAddress(InetAddress.getLoopbackAddress(), small.coapPort()), true, 512);
			try (DtlsClient client = DtlsClient.open(PROPERTIES,
					new DtlsIdentity(device.privateKey(), device.certificate()),
					new ServerTrust.TrustedCas(List.of(small.serverCa()), "test"), peer, (n) -> {
					})) {
				assertThat(client.post("/api/v1/telemetry", "{\"note\":\"" + note + "\"}").response().getCode())
					.isEqualTo(CoAP.ResponseCode.CREATED);
				HandshakeReport handshake = client.handshake();
				assertThat(handshake.retransmittedFlights()).isEmpty();
				assertThat(handshake.largestDatagram()).isBetween(400, 512);
			}
			assertThat(small.latestTelemetry(id, "note")).get().extracting(TbState.TsEntry::value).isEqualTo(note);
		}
	}

	@Test
	void blockSizeWhenLimitGivenThenLargestBlockWhoseMessageFits() {
		assertThat(DatagramLimit.blockSize(512)).isEqualTo(256);
		assertThat(DatagramLimit.blockSize(1024)).isEqualTo(512);
		assertThat(DatagramLimit.blockSize(1279)).isEqualTo(512);
		assertThat(DatagramLimit.blockSize(1280)).isEqualTo(1024);
		assertThat(DatagramLimit.blockSize(16384)).isEqualTo(1024);
	}

	private DtlsClient open(IssuedCredential device) {
		return DtlsClient.open(PROPERTIES, new DtlsIdentity(device.privateKey(), device.certificate()),
				new ServerTrust.TrustedCas(List.of(this.thingsBoard.serverCa()), "test"), "localhost",
				new InetSocketAddress(InetAddress.getLoopbackAddress(), this.thingsBoard.coapPort()), true, (note) -> {
				});
	}

	private void register(String name, IssuedCredential device) {
		TestClients.client(this.thingsBoard)
			.createDeviceWithCredentials(name, null, PemCodec.certificate(device.certificate()));
	}

}

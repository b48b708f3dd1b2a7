package dev.keysmith.testkit;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The double's DTLS session cache behaves as ThingsBoard 4.3's was measured to (the
 * contract's "Changing or removing credentials"): an authorised session per (client
 * address, certificate) outlives a credentials update and a device deletion, so the old
 * certificate is still taken from an address that used it, and refused (4.01) from a new
 * one. Driven by libcoap's client bound to chosen local ports, as the measurements were.
 */
@NeedsLibcoap
@ThingsBoardDoubleTest(shared = false)
class ThingsBoardDoubleSessionTests {

	private final CertificateIssuer issuer = new CertificateIssuer();

	@TempDir
	Path folder;

	@Test
	void sessionsWhenCredentialsUpdatedOrDeviceDeletedThenOldCertificateTakenOnlyFromItsAddress(
			ThingsBoardDouble thingsBoard) throws Exception {
		IssuedCredential a = write("a", this.issuer.issue(KeyType.EC_P256, "session-device", 30));
		IssuedCredential b = write("b", this.issuer.issue(KeyType.EC_P256, "session-device", 30));
		thingsBoard.registerDevice("session-device", a.certificate());
		int first = freePort();
		assertThat(post(thingsBoard, "a", first)).contains("c:2.01");

		thingsBoard.replaceCertificate("session-device", b.certificate());
		assertThat(post(thingsBoard, "a", first)).as("A again from the address it used").contains("c:2.01");
		int second = freePort();
		assertThat(post(thingsBoard, "a", second)).as("A from a new address").contains("c:4.01");
		assertThat(post(thingsBoard, "b", freePort())).as("B from any address").contains("c:2.01");

		thingsBoard.deleteDevice("session-device");
		assertThat(post(thingsBoard, "a", first)).as("A from its address after the deletion").contains("c:2.01");
		assertThat(post(thingsBoard, "a", freePort())).as("A from a new address after the deletion").contains("c:4.01");

		// every handshake is recorded with the client's port, in order
		assertThat(thingsBoard.handshakes(a.certificate())).extracting((h) -> h.client().getPort())
			.hasSize(5)
			.startsWith(first, first, second, first)
			.last()
			.isNotIn(first, second);
		assertThat(thingsBoard.handshakes(b.certificate())).hasSize(1);
	}

	private IssuedCredential write(String name, IssuedCredential credential) throws IOException {
		Files.writeString(this.folder.resolve(name + "-cert.pem"), PemCodec.certificate(credential.certificate()),
				StandardCharsets.US_ASCII);
		Files.writeString(this.folder.resolve(name + "-key.pem"), PemCodec.privateKey(credential),
				StandardCharsets.US_ASCII);
		return credential;
	}

	/** One POST in a new process (a new handshake) from the local port given. */
	private String post(ThingsBoardDouble thingsBoard, String name, int localPort) throws Exception {
		return Shell.run(this.folder,
				"coap-client-openssl -v 6 -B 20 -p " + localPort + " -c " + name + "-cert.pem -j " + name
						+ "-key.pem -m POST -t application/json -e '{\"temperature\":43}' coaps://127.0.0.1:"
						+ thingsBoard.coapPort() + "/api/v1/telemetry");
	}

	private static int freePort() throws IOException {
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}

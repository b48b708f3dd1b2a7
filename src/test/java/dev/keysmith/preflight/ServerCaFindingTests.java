package dev.keysmith.preflight;

import java.util.List;

import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.TestCa;
import dev.keysmith.thingsboard.client.CaDownload;
import dev.keysmith.thingsboard.client.ThingsBoardException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-flight finding about the server CA tells what is true, consistently with the
 * handshake.
 */
class ServerCaFindingTests {

	private static final TestCa CA = new TestCa("Server CA");

	private static final java.security.cert.X509Certificate SERVER = CA.serverCredential("localhost").certificate();

	@Test
	void ofWhenDownloadGotNoAnswerThenNeverSaysNoneIsPublished() {
		CaDownload noAnswer = new CaDownload(CaDownload.Outcome.NO_ANSWER, null,
				new ThingsBoardException("ThingsBoard (tb) did not answer within 30 s", null), "tb");
		Finding finding = ServerCaFinding.of(null, noAnswer, List.of());
		assertThat(finding.status()).isEqualTo(Finding.Status.WARNING);
		assertThat(finding.detail())
			.contains(
					"Whether ThingsBoard publishes one is not known: ThingsBoard (tb) did not " + "answer within 30 s")
			.doesNotContain("publishes none")
			.doesNotContain("publishes no ");
	}

	@Test
	void ofWhenVersionWithoutDownloadAndHandshakeSawChainThenPointsAtItsCaToConfirm() {
		CaDownload older = new CaDownload(CaDownload.Outcome.NOT_IN_THIS_VERSION, null,
				new ThingsBoardException(401, 10, "Authentication failed", "refused"), "tb");
		Finding finding = ServerCaFinding.of(null, older, List.of(SERVER, CA.certificate()));
		assertThat(finding.detail()).contains("This ThingsBoard version does not publish its CoAP DTLS certificate")
			.contains("The DTLS server presents CN=localhost, issued by CN=Server CA, SHA-256 "
					+ Fingerprints.sha256(SERVER))
			.contains("'Take it from a DTLS handshake' on the server page proposes CN=Server CA (SHA-256 "
					+ Fingerprints.sha256(CA.certificate()) + ") for you to confirm")
			.doesNotContain("publishes none");
	}

	@Test
	void ofWhenServerPresentsOnlyItsOwnCertificateThenProposesThatOne() {
		CaDownload none = new CaDownload(CaDownload.Outcome.NOT_CONFIGURED, null,
				new ThingsBoardException(404, 32, "coaps pem cert file is not found!", "not found"), "tb");
		Finding finding = ServerCaFinding.of(null, none, List.of(SERVER));
		assertThat(finding.detail())
			.contains("publishes no CoAP DTLS certificate (DEVICE_CONNECTIVITY_COAPS_CA_ROOT_CERT")
			.contains("proposes CN=localhost (SHA-256 " + Fingerprints.sha256(SERVER) + ")");
	}

	@Test
	void ofWhenTrustedAndPublishedDifferThenAsksWhetherReplaced() {
		TestCa other = new TestCa("Other CA");
		CaDownload published = new CaDownload(CaDownload.Outcome.PUBLISHED, PemCodec.certificate(other.certificate()),
				null, "tb");
		Finding finding = ServerCaFinding.of(PemCodec.certificate(CA.certificate()), published, List.of());
		assertThat(finding.detail()).contains("differs from the one ThingsBoard publishes now");
		Finding same = ServerCaFinding.of(PemCodec.certificate(CA.certificate()),
				new CaDownload(CaDownload.Outcome.PUBLISHED, PemCodec.certificate(CA.certificate()), null, "tb"),
				List.of());
		assertThat(same.status()).isEqualTo(Finding.Status.OK);
	}

}

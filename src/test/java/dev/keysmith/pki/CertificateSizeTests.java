package dev.keysmith.pki;

import java.security.cert.X509Certificate;

import dev.keysmith.testkit.TestCa;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The size rule; the figures it rests on are measured against the double in its own
 * tests.
 */
class CertificateSizeTests {

	private final TestCa ca = new TestCa("size CA");

	@Test
	void warningWhenCertificateFitsOneDatagramThenNone() {
		assertThat(CertificateSize.largestWhole(1024)).isEqualTo(1099);
		assertThat(CertificateSize.warning(sized(1099), 1024)).isEmpty();
	}

	@Test
	void warningWhenOneByteLargerThenNamesItsSizeTheMeasuredFigureAndBothSettings() {
		assertThat(CertificateSize.warning(sized(1100), 1024)).get()
			.asString()
			.startsWith("The certificate is 1,100 bytes")
			.contains("only up to 1,099 bytes")
			.contains("libcoap")
			.contains("COAP_DTLS_MAX_FRAGMENT_LENGTH to 2048 or 4096")
			.contains("COAP_DTLS_MAX_TRANSMISSION_UNIT");
	}

	@Test
	void warningWhenServerTakesLongerDatagramsThenALargerCertificateFits() {
		X509Certificate twoKilobytes = sized(2087);
		assertThat(CertificateSize.warning(twoKilobytes, 1024)).isPresent();
		assertThat(CertificateSize.warning(twoKilobytes, 2048)).isEmpty();
		assertThat(CertificateSize.warning(sized(700), 512)).get().asString().contains("only up to 587 bytes");
	}

	@Test
	void warningWhenSplitCertificateTooLongToPutBackTogetherThenNoDeviceConnects() {
		assertThat(CertificateSize.largestSplit()).isEqualTo(8186);
		assertThat(CertificateSize.warning(sized(8186), 16384)).isEmpty();
		assertThat(CertificateSize.warning(sized(8187), 16384)).get()
			.asString()
			.contains("8,187 bytes")
			.contains("no device that splits it can connect");
	}

	@Test
	void warningWhenLargestCertificateKeysmithGeneratesThenNoneAtThingsBoardsDefaults() {
		X509Certificate largest = new CertificateIssuer().issue(KeyType.RSA_2048, "d".repeat(64), 3650).certificate();
		assertThat(CertificateSize.warning(largest, CertificateSize.THINGSBOARD_DEFAULT_DATAGRAM_LIMIT)).isEmpty();
	}

	private X509Certificate sized(int bytes) {
		return this.ca.clientCredentialOfSize("size-" + bytes, bytes).certificate();
	}

}

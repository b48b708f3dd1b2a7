package dev.keysmith.thingsboard.client;

import dev.keysmith.common.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What each answer of the public CoAP DTLS certificate download means, in words. */
class CaDownloadTests {

	@Test
	void failedWhen401WithoutTokenThenThisVersionHasNoDownload() {
		CaDownload download = CaDownload.failed(new ThingsBoardException(401, 10, "Authentication failed",
				"ThingsBoard (tb) refused the credentials: Authentication failed"), "tb");
		assertThat(download.outcome()).isEqualTo(CaDownload.Outcome.NOT_IN_THIS_VERSION);
		assertThat(download.answered()).isTrue();
		assertThat(download.explanation()).isEqualTo("This ThingsBoard version does not publish its CoAP DTLS "
				+ "certificate: paste it, or trust the certificate the server presents in a DTLS handshake after "
				+ "checking its fingerprint");
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(download::pemOrThrow)
			.withMessage(download.explanation());
	}

	@Test
	void failedWhen404ThenNoneConfiguredAndWhere() {
		CaDownload download = CaDownload.failed(new ThingsBoardException(404, 32, "coaps pem cert file is not found!",
				"ThingsBoard (tb) found no such item: coaps pem cert file is not found!"), "tb");
		assertThat(download.outcome()).isEqualTo(CaDownload.Outcome.NOT_CONFIGURED);
		assertThat(download.explanation()).startsWith("ThingsBoard (tb) publishes no CoAP DTLS certificate "
				+ "(DEVICE_CONNECTIVITY_COAPS_CA_ROOT_CERT is not configured there)");
	}

	@Test
	void failedWhenNoAnswerThenSaysOnlyThatAndNeverThatNoneIsPublished() {
		ThingsBoardException timeout = new ThingsBoardException("ThingsBoard (tb) did not answer within 30 s", null);
		CaDownload download = CaDownload.failed(timeout, "tb");
		assertThat(download.outcome()).isEqualTo(CaDownload.Outcome.NO_ANSWER);
		assertThat(download.answered()).isFalse();
		assertThat(download.explanation()).isEqualTo("ThingsBoard (tb) did not answer within 30 s")
			.doesNotContain("publishes");
		assertThatExceptionOfType(ThingsBoardException.class).isThrownBy(download::pemOrThrow).isSameAs(timeout);
	}

	@Test
	void failedWhenOtherRefusalThenItsOwnWords() {
		ThingsBoardException refused = new ThingsBoardException(502, null, null,
				"ThingsBoard (tb) failed with HTTP 502 without its error details (a proxy in between?)");
		CaDownload download = CaDownload.failed(refused, "tb");
		assertThat(download.outcome()).isEqualTo(CaDownload.Outcome.REFUSED);
		assertThat(download.explanation()).isEqualTo(refused.getMessage());
	}

	@Test
	void publishedWhenEmptyBodyThenNoneConfigured() {
		assertThat(CaDownload.published("", "tb").outcome()).isEqualTo(CaDownload.Outcome.NOT_CONFIGURED);
		assertThat(CaDownload.published("-----BEGIN CERTIFICATE-----", "tb").outcome())
			.isEqualTo(CaDownload.Outcome.PUBLISHED);
	}

}

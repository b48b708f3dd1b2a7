package dev.keysmith.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.keysmith.testkit.NeedsOpenssl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@NeedsOpenssl
class FingerprintsTests {

	/**
	 * The certificate pushed in the recorded exchange 08 and read back in 10
	 * (src/test/resources/dev/keysmith/thingsboard/recordings).
	 */
	static final String RECORDED_PEM = """
			-----BEGIN CERTIFICATE-----
			MIIBcTCCARegAwIBAgIUAuBfXBLPvtTJm5RPc66SXrTpKucwCgYIKoZIzj0EAwIw
			DjEMMAoGA1UEAwwDcmVjMB4XDTI2MTEyNzE3NDUyNFoXDTI3MTEyNzE3NDUyNFow
			DjEMMAoGA1UEAwwDcmVjMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYUp+4P3+
			GUeyBBBuNWd1ObxLPwK5uxh7O6riYbFqQHofMPrxYzcUOcz0o/+Jkj33iuO+4cgt
			vJDpqm1scRqp8qNTMFEwHQYDVR0OBBYEFEb8piYmXQj07NIOOLlbs+F3ZVx1MB8G
			A1UdIwQYMBaAFEb8piYmXQj07NIOOLlbs+F3ZVx1MA8GA1UdEwEB/wQFMAMBAf8w
			CgYIKoZIzj0EAwIDSAAwRQIhAOPoXBTFTi0yUEBoyvWOGmqslvpS9O+r56sOlJDj
			O1olAiANToXAnJN3csHx7zkgCVpIMgyL+GDXNYyZQ/sbmSLSwQ==
			-----END CERTIFICATE-----
			""";

	static final String RECORDED_CREDENTIALS_ID = "83eebd98e4661761a147f4f3e8df4d45bbd4671c7d5f887cb1c3b7025c95cbd6";

	@TempDir
	Path dir;

	@Test
	void thingsBoardCredentialsIdWhenRecordedCertificateThenEqualsWhatThingsBoardComputed() {
		X509Certificate certificate = recorded();
		assertThat(Fingerprints.thingsBoardCredentialsId(certificate)).isEqualTo(RECORDED_CREDENTIALS_ID);
		assertThat(Fingerprints.thingsBoardCredentialsValue(certificate))
			.isEqualTo(RECORDED_PEM.replaceAll("-----[A-Z ]+-----", "").replace("\n", ""));
	}

	@Test
	void thingsBoardCredentialsIdWhenValueHasStraySpaceThenDiffers() {
		String value = Fingerprints.thingsBoardCredentialsValue(recorded());
		assertThat(Fingerprints.thingsBoardCredentialsId(value.substring(0, 10) + " " + value.substring(10)))
			.isNotEqualTo(RECORDED_CREDENTIALS_ID);
	}

	@Test
	void sha256WhenComparedWithOpensslThenSame() throws Exception {
		Files.writeString(this.dir.resolve("cert.pem"), RECORDED_PEM);
		assertThat(Openssl.run(this.dir, "x509", "-in", "cert.pem", "-noout", "-fingerprint", "-sha256"))
			.isEqualToIgnoringNewLines("sha256 Fingerprint=" + Fingerprints.sha256(recorded()));
	}

	static X509Certificate recorded() {
		Clock clock = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
		return new CredentialImporter(clock).read(RECORDED_PEM, null).certificate();
	}

}

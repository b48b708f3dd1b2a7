package dev.keysmith.pki;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.keysmith.crypto.CryptoProvider;
import dev.keysmith.testkit.NeedsOpenssl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@NeedsOpenssl
@ParameterizedClass(name = "{0}")
@EnumSource(CryptoProvider.class)
class CertificateIssuerTests {

	private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	/** Each provider Keysmith can use: the certificates must not depend on which. */
	private final CertificateIssuer issuer;

	CertificateIssuerTests(CryptoProvider provider) {
		this.issuer = new CertificateIssuer(provider, new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@TempDir
	Path dir;

	@ParameterizedTest
	@EnumSource(value = KeyType.class, names = { "EC_P256", "EC_P384", "RSA_2048" })
	void issueWhenGeneratableTypeThenOpensslReadsTheDeviceProfile(KeyType type) throws Exception {
		IssuedCredential credential = this.issuer.issue(type, "sensor-7", 365);
		X509Certificate certificate = credential.certificate();

		assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=sensor-7");
		assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
		assertThat(certificate.getSerialNumber()).isPositive();
		assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
		assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
		assertThat(certificate.getSigAlgName()).isEqualToIgnoringCase(type.signatureAlgorithm());

		Files.writeString(this.dir.resolve("cert.pem"), PemCodec.certificate(certificate));
		String text = Openssl.run(this.dir, "x509", "-in", "cert.pem", "-noout", "-text");
		assertThat(text).contains("Version: 3 (0x2)")
			.contains("Subject: CN = sensor-7")
			.containsPattern("X509v3 Basic Constraints: critical\\s+CA:FALSE")
			.containsPattern("X509v3 Key Usage: critical\\s+Digital Signature\\n")
			.containsPattern("X509v3 Extended Key Usage:\\s+TLS Web Client Authentication")
			.contains("X509v3 Subject Key Identifier")
			.contains("X509v3 Authority Key Identifier");
		// RFC 5280's first method: SHA-1 of the public key's bits, the same in both
		byte[] keyBits = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo
			.getInstance(certificate.getPublicKey().getEncoded())
			.getPublicKeyData()
			.getBytes();
		String keyId = java.util.HexFormat.ofDelimiter(":")
			.withUpperCase()
			.formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(keyBits));
		assertThat(text).containsPattern("X509v3 Subject Key Identifier:\\s+" + keyId + "\\n")
			.containsPattern("X509v3 Authority Key Identifier:\\s+(keyid:)?" + keyId + "\\n");
		Openssl.run(this.dir, "verify", "-CAfile", "cert.pem", "-purpose", "sslclient", "-attime",
				String.valueOf(NOW.getEpochSecond()), "cert.pem");
	}

	@Test
	void issueWhenCalledTwiceThenSerialsDifferAndFitTwentyOctets() {
		BigInteger first = this.issuer.issue(KeyType.EC_P256, "a", 1).certificate().getSerialNumber();
		BigInteger second = this.issuer.issue(KeyType.EC_P256, "a", 1).certificate().getSerialNumber();
		assertThat(first).isNotEqualTo(second);
		assertThat(first.toByteArray()).hasSize(20);
		assertThat(second.toByteArray()).hasSize(20);
	}

	@Test
	void issueWhenValidityOutOfRangeThenRefused() {
		assertThatExceptionOfType(PkiException.class).isThrownBy(() -> this.issuer.issue(KeyType.EC_P256, "a", 0))
			.withMessageContaining("between 1 and 3650 days");
		assertThatExceptionOfType(PkiException.class).isThrownBy(() -> this.issuer.issue(KeyType.EC_P256, "a", 3651));
		assertThat(this.issuer.issue(KeyType.EC_P256, "a", 3650).certificate().getNotAfter().toInstant())
			.isEqualTo(NOW.plus(Duration.ofDays(3650)));
	}

	@Test
	void issueWhenCommonNameLongerThan64ThenRefusedAsPkiException() {
		assertThat(
				this.issuer.issue(KeyType.EC_P256, "c".repeat(64), 1).certificate().getSubjectX500Principal().getName())
			.isEqualTo("CN=" + "c".repeat(64));
		assertThatExceptionOfType(PkiException.class)
			.isThrownBy(() -> this.issuer.issue(KeyType.EC_P256, "c".repeat(65), 1))
			.withMessageContaining("at most 64 characters");
	}

	@Test
	void issueWhenKeyTypeIsImportOnlyThenRefused() {
		assertThatExceptionOfType(PkiException.class).isThrownBy(() -> this.issuer.issue(KeyType.RSA_4096, "a", 10));
	}

}

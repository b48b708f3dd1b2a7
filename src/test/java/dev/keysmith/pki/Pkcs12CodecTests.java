package dev.keysmith.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

import dev.keysmith.crypto.CryptoProvider;
import dev.keysmith.testkit.NeedsOpenssl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@NeedsOpenssl
@ParameterizedClass(name = "{0}")
@EnumSource(CryptoProvider.class)
class Pkcs12CodecTests {

	/**
	 * Keys from each provider Keysmith can use: the PKCS#12 file must not depend on
	 * which.
	 */
	private final CertificateIssuer issuer;

	Pkcs12CodecTests(CryptoProvider provider) {
		this.issuer = new CertificateIssuer(provider, new SecureRandom(), Clock.systemUTC());
	}

	@TempDir
	Path dir;

	@Test
	void encodeWhenOpenedByOpensslWithThePasswordThenHoldsKeyAndCertificate() throws Exception {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "p12-device", 30);
		Files.write(this.dir.resolve("device.p12"),
				Pkcs12Codec.encode(credential, "p12-device", "s3cret-pass".toCharArray()));
		Files.writeString(this.dir.resolve("cert.pem"), PemCodec.certificate(credential.certificate()));

		String info = Openssl.run(this.dir, "pkcs12", "-info", "-in", "device.p12", "-passin", "pass:s3cret-pass",
				"-nodes");
		assertThat(info).contains("friendlyName: p12-device")
			.contains("BEGIN CERTIFICATE")
			.contains("BEGIN PRIVATE KEY");
		String key = Openssl.run(this.dir, "pkcs12", "-in", "device.p12", "-passin", "pass:s3cret-pass", "-nocerts",
				"-nodes", "-out", "key.pem");
		assertThat(key).doesNotContain("error");
		assertThat(Openssl.run(this.dir, "pkey", "-in", "key.pem", "-pubout"))
			.isEqualTo(Openssl.run(this.dir, "x509", "-in", "cert.pem", "-pubkey", "-noout"));
		assertThat(Openssl.exec(this.dir, "pkcs12", "-info", "-in", "device.p12", "-passin", "pass:wrong", "-nodes")
			.exitCode()).isNotZero();
	}

	@Test
	void encodeWhenPasswordHoldsSpacesAndEveryPunctuationMarkThenOpensslOpensIt() throws Exception {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "p12-ascii", 30);
		String password = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ Az09";
		assertThat(Pkcs12Codec.passwordProblem(password)).isEmpty();
		Files.write(this.dir.resolve("device.p12"),
				Pkcs12Codec.encode(credential, "p12-ascii", password.toCharArray()));
		Files.writeString(this.dir.resolve("password.txt"), password + "\n");
		assertThat(Openssl.run(this.dir, "pkcs12", "-in", "device.p12", "-passin", "file:password.txt", "-nokeys"))
			.contains(PemCodec.certificate(credential.certificate()).strip());
	}

	@Test
	void passwordProblemWhenNotPrintableAsciiThenSaysWhichCharacter() {
		assertThat(Pkcs12Codec.passwordProblem("p\u00e4sswort-1")).get()
			.asString()
			.contains("printable ASCII")
			.contains("character 2 is U+00E4");
		assertThat(Pkcs12Codec.passwordProblem("\u043f\u0430\u0440\u043e\u043b\u044c-12")).isPresent();
		assertThat(Pkcs12Codec.passwordProblem("tab\there-1")).get().asString().contains("U+0009");
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "d", 30);
		assertThatExceptionOfType(PkiException.class)
			.isThrownBy(() -> Pkcs12Codec.encode(credential, "d", "p\u00e4sswort-1".toCharArray()))
			.withMessageContaining("printable ASCII");
	}

	@Test
	void encodeWhenPasswordTooShortThenRefused() {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "d", 30);
		assertThatExceptionOfType(PkiException.class)
			.isThrownBy(() -> Pkcs12Codec.encode(credential, "d", "short".toCharArray()))
			.withMessageContaining("at least 8 characters");
	}

}

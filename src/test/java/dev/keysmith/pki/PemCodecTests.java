package dev.keysmith.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

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
class PemCodecTests {

	/**
	 * Keys and certificates from each provider Keysmith can use: the files must not
	 * depend on which.
	 */
	private final CertificateIssuer issuer;

	PemCodecTests(CryptoProvider provider) {
		this.issuer = new CertificateIssuer(provider, new SecureRandom(), Clock.systemUTC());
	}

	@TempDir
	Path dir;

	@ParameterizedTest
	@EnumSource(value = KeyType.class, names = { "EC_P256", "EC_P384" })
	void privateKeyWhenEcThenOpensslChecksItAndItMatchesTheCertificate(KeyType type) throws Exception {
		IssuedCredential credential = this.issuer.issue(type, "dev", 30);
		write("key.pem", PemCodec.privateKey(credential));
		write("key.pkcs8.pem", PemCodec.pkcs8PrivateKey(credential));
		write("cert.pem", PemCodec.certificate(credential.certificate()));

		assertThat(Openssl.exec(this.dir, "ec", "-in", "key.pem", "-check", "-noout"))
			.satisfies((r) -> assertThat(r.exitCode()).isZero())
			.satisfies((r) -> assertThat(r.output() + r.errors()).contains("EC Key valid."));
		assertThat(Openssl.exec(this.dir, "ec", "-in", "key.pkcs8.pem", "-check", "-noout"))
			.satisfies((r) -> assertThat(r.exitCode()).isZero())
			.satisfies((r) -> assertThat(r.output() + r.errors()).contains("EC Key valid."));
		String certificateKey = Openssl.run(this.dir, "x509", "-in", "cert.pem", "-pubkey", "-noout");
		assertThat(Openssl.run(this.dir, "pkey", "-in", "key.pem", "-pubout")).isEqualTo(certificateKey);
		assertThat(Openssl.run(this.dir, "pkey", "-in", "key.pkcs8.pem", "-pubout")).isEqualTo(certificateKey);
		// openssl pkey re-encodes the PKCS#8 key exactly as we wrote it
		assertThat(Openssl.run(this.dir, "pkey", "-in", "key.pkcs8.pem")).isEqualTo(read("key.pkcs8.pem"));
	}

	@Test
	void privateKeyWhenP256ThenSameBlockLayoutAsOpensslEcparamGenkey() throws Exception {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "dev", 30);
		String ours = PemCodec.privateKey(credential);
		String theirs = Openssl.run(this.dir, "ecparam", "-name", "secp256r1", "-genkey");

		assertThat(layout(ours)).isEqualTo(layout(theirs));
		List<PemBlock> ourBlocks = PemCodec.decode(ours);
		List<PemBlock> theirBlocks = PemCodec.decode(theirs);
		assertThat(ourBlocks).extracting(PemBlock::label).containsExactly("EC PARAMETERS", "EC PRIVATE KEY");
		assertThat(ourBlocks.get(0).content()).isEqualTo(theirBlocks.get(0).content());
		assertThat(ourBlocks.get(1).content()).hasSize(theirBlocks.get(1).content().length).hasSize(121);
		// same SEC1 prefix: SEQUENCE, version 1, 32-byte private key
		assertThat(ours).contains("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
				+ "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE");
	}

	@Test
	void privateKeyWhenRsaThenPkcs1AsOpensslTraditionalAndOpensslChecksIt() throws Exception {
		IssuedCredential credential = this.issuer.issue(KeyType.RSA_2048, "dev", 30);
		write("key.pem", PemCodec.privateKey(credential));
		write("cert.pem", PemCodec.certificate(credential.certificate()));

		assertThat(read("key.pem")).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
		assertThat(Openssl.run(this.dir, "rsa", "-in", "key.pem", "-check", "-noout")).contains("RSA key ok");
		assertThat(Openssl.run(this.dir, "pkey", "-in", "key.pem", "-pubout"))
			.isEqualTo(Openssl.run(this.dir, "x509", "-in", "cert.pem", "-pubkey", "-noout"));
		// openssl writes the same PKCS#1 encoding back
		assertThat(Openssl.run(this.dir, "rsa", "-in", "key.pem", "-traditional")).isEqualTo(read("key.pem"));
	}

	@Test
	void certificateWhenWrittenThenOpensslRewritesItIdentically() throws Exception {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "dev", 30);
		write("cert.pem", PemCodec.certificate(credential.certificate()));
		assertThat(Openssl.run(this.dir, "x509", "-in", "cert.pem")).isEqualTo(read("cert.pem"));
	}

	@Test
	void decodeWhenPastedWithCrlfTabsAndIndentationThenSameBlocks() {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "dev", 30);
		String pem = PemCodec.certificate(credential.certificate());
		String mangled = "Bag Attributes: junk\r\n"
				+ pem.lines().map((l) -> "\t  " + l + " \t").reduce("", (a, l) -> a + l + "\r\n");
		assertThat(PemCodec.decode(mangled)).singleElement()
			.satisfies((b) -> assertThat(b.content()).isEqualTo(PemCodec.der(credential.certificate())));
	}

	@Test
	void decodeWhenDamagedThenSaysWhat() {
		String pem = PemCodec.certificate(this.issuer.issue(KeyType.EC_P256, "dev", 30).certificate());
		assertThatExceptionOfType(PkiException.class)
			.isThrownBy(() -> PemCodec.decode(pem.replace("-----END CERTIFICATE-----", "")))
			.withMessageContaining("no '-----END CERTIFICATE-----' line");
		assertThatExceptionOfType(PkiException.class)
			.isThrownBy(() -> PemCodec.decode(pem.replaceFirst("\n(.{10})", "\n$1*")))
			.withMessageContaining("not valid Base64");
		assertThatExceptionOfType(PkiException.class)
			.isThrownBy(() -> PemCodec.decode(pem.replace("END CERTIFICATE", "END PRIVATE KEY")))
			.withMessageContaining("ends with '-----END PRIVATE KEY-----'");
		assertThatExceptionOfType(PkiException.class)
			.isThrownBy(() -> PemCodec.decode(pem.substring(pem.indexOf('\n') + 1)))
			.withMessageContaining("without its BEGIN line");
	}

	private static String layout(String pem) {
		// the shape of the text: label lines as they are, Base64 lines as their lengths
		return String.join("|",
				pem.lines().map((l) -> l.startsWith("-----") ? l : String.valueOf(l.length())).toList());
	}

	private void write(String name, String content) throws Exception {
		Files.writeString(this.dir.resolve(name), content);
	}

	private String read(String name) throws Exception {
		return Files.readString(this.dir.resolve(name));
	}

}

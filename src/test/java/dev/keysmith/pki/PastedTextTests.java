package dev.keysmith.pki;

import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PastedTextTests {

	private static final IssuedCredential EC = new CertificateIssuer().issue(KeyType.EC_P256, "pasted", 30);

	private static final IssuedCredential RSA = new CertificateIssuer().issue(KeyType.RSA_2048, "pasted-rsa", 30);

	private static final String CERT = PemCodec.certificate(EC.certificate());

	@Test
	void withoutPrivateKeysWhenCertificateOnlyThenUnchanged() {
		assertThat(PastedText.withoutPrivateKeys(CERT)).isEqualTo(CERT);
		assertThat(PastedText.withoutPrivateKeys("some words\n" + CERT + "more"))
			.isEqualTo("some words\n" + CERT + "more");
	}

	@Test
	void withoutPrivateKeysWhenKeyBlocksBesideTheCertificateThenOnlyTheCertificateRemains() {
		for (String key : new String[] { PemCodec.privateKey(EC), PemCodec.pkcs8PrivateKey(EC),
				PemCodec.privateKey(RSA), PemCodec.pkcs8PrivateKey(RSA) }) {
			for (String pasted : new String[] { CERT + key, key + CERT, "text " + key + CERT + key }) {
				String kept = PastedText.withoutPrivateKeys(pasted);
				assertThat(kept).contains(CERT).doesNotContain("PRIVATE KEY");
				key.lines()
					.filter((line) -> !line.startsWith("-----"))
					.forEach((line) -> assertThat(kept).doesNotContain(line));
			}
		}
		assertThat(PastedText.withoutPrivateKeys(CERT + PemCodec.pkcs8PrivateKey(EC))).isEqualTo(CERT);
	}

	@Test
	void withoutPrivateKeysWhenKeyCutOffThenAllOfItIsRemoved() {
		String key = PemCodec.pkcs8PrivateKey(RSA);
		String noEnd = key.substring(0, key.length() - 30);
		assertThat(PastedText.withoutPrivateKeys(CERT + noEnd)).isEqualTo(CERT);
		assertThat(PastedText.withoutPrivateKeys(noEnd + CERT)).isEqualTo(CERT);
		String noBegin = key.substring(30);
		assertThat(PastedText.withoutPrivateKeys(noBegin + CERT)).isEqualTo(CERT);
		assertThat(PastedText.withoutPrivateKeys(CERT + noBegin)).isEqualTo(CERT);
	}

	@Test
	void withoutPrivateKeysWhenOnOneLineThenRemoved() {
		String oneLine = PemCodec.pkcs8PrivateKey(EC).replace("\n", " ");
		assertThat(PastedText.withoutPrivateKeys(CERT + oneLine)).isEqualTo(CERT);
	}

	@Test
	void withoutPrivateKeysWhenBareBase64KeyThenNothing() {
		for (String key : new String[] { PemCodec.privateKey(EC), PemCodec.pkcs8PrivateKey(EC),
				PemCodec.privateKey(RSA) }) {
			String bare = key.substring(key.lastIndexOf("-----BEGIN"))
				.lines()
				.filter((line) -> !line.startsWith("-----"))
				.collect(Collectors.joining("\n"));
			assertThat(PastedText.withoutPrivateKeys(bare)).isEmpty();
			assertThat(PastedText.withoutPrivateKeys(bare.substring(0, bare.length() / 2))).isEmpty();
		}
		String bareCertificate = CERT.lines()
			.filter((line) -> !line.startsWith("-----"))
			.collect(Collectors.joining("\n"));
		assertThat(PastedText.withoutPrivateKeys(bareCertificate)).isEqualTo(bareCertificate);
	}

}

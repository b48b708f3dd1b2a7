package dev.keysmith.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.keysmith.testkit.NeedsOpenssl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@NeedsOpenssl
class CredentialImporterTests {

	private final CredentialImporter importer = new CredentialImporter(Clock.systemUTC());

	private final CertificateIssuer issuer = new CertificateIssuer();

	@TempDir
	Path dir;

	@Test
	void readWhenOpensslEcparamAndReqX509FilesThenImportedWithKey() throws Exception {
		Openssl.run(this.dir, "ecparam", "-name", "secp256r1", "-genkey", "-out", "key.pem");
		Openssl.run(this.dir, "req", "-new", "-x509", "-key", "key.pem", "-out", "cert.pem", "-days", "365", "-subj",
				"/CN=field-unit-1");

		ImportedCredential imported = this.importer.read(read("cert.pem"), read("key.pem"));

		assertThat(imported.keyType()).isEqualTo(KeyType.EC_P256);
		assertThat(imported.privateKey()).isPresent();
		assertThat(imported.warnings()).isEmpty();
		assertThat(imported.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=field-unit-1");
	}

	@Test
	void readWhenKeyIsPkcs8OrSec1WithoutParametersOrRsaPkcs1ThenImported() throws Exception {
		Openssl.run(this.dir, "ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "sec1.pem");
		Openssl.run(this.dir, "pkey", "-in", "sec1.pem", "-out", "pkcs8.pem");
		Openssl.run(this.dir, "req", "-new", "-x509", "-key", "sec1.pem", "-out", "cert.pem", "-subj", "/CN=p384");
		assertThat(this.importer.read(read("cert.pem"), read("sec1.pem")).keyType()).isEqualTo(KeyType.EC_P384);
		assertThat(this.importer.read(read("cert.pem"), read("pkcs8.pem")).privateKey()).isPresent();
		// SEC1 with the curve left out ("-param_enc explicit" aside, some tools drop
		// [0]): the certificate tells it
		Openssl.run(this.dir, "ec", "-in", "sec1.pem", "-no_public", "-out", "nopub.pem");
		assertThat(this.importer.read(read("cert.pem"), read("nopub.pem")).privateKey()).isPresent();

		Openssl.run(this.dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rsa8.pem", "-out", "rsa.pem",
				"-subj", "/CN=rsa");
		Openssl.run(this.dir, "rsa", "-in", "rsa8.pem", "-traditional", "-out", "rsa1.pem");
		assertThat(read("rsa1.pem")).startsWith("-----BEGIN RSA PRIVATE KEY-----");
		assertThat(this.importer.read(read("rsa.pem"), read("rsa1.pem")).keyType()).isEqualTo(KeyType.RSA_2048);
		assertThat(this.importer.read(read("rsa.pem"), read("rsa8.pem")).privateKey()).isPresent();
	}

	@Test
	void readWhenCertificateFileAlsoHoldsTheKeyThenKeyTaken() throws Exception {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "combo", 30);
		String combined = PemCodec.privateKey(credential) + PemCodec.certificate(credential.certificate());
		assertThat(this.importer.read(combined, null).privateKey()).get()
			.extracting((key) -> ((ECPrivateKey) key).getS())
			.isEqualTo(((ECPrivateKey) credential.privateKey()).getS());
	}

	@Test
	void readWhenDerBytesOrBareBase64ThenImported() {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "der", 30);
		byte[] der = PemCodec.der(credential.certificate());
		assertThat(this.importer.read(der, null).certificate()).isEqualTo(credential.certificate());
		String oneLine = Fingerprints.thingsBoardCredentialsValue(credential.certificate());
		assertThat(this.importer.read(oneLine, null).certificate()).isEqualTo(credential.certificate());
	}

	@Test
	void readWhenPastedWithCrlfTabsAndStraySpacesThenNormalised() {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "pasted", 30);
		String cert = PemCodec.certificate(credential.certificate());
		String key = PemCodec.privateKey(credential);
		String mangledCert = "\r\n  " + cert.replace("\n", " \r\n\t").replace("MI", "M I");
		String mangledKey = key.replace("\n", "\r\n ");
		ImportedCredential imported = this.importer.read(mangledCert, mangledKey);
		assertThat(imported.certificate()).isEqualTo(credential.certificate());
		assertThat(Fingerprints.thingsBoardCredentialsId(imported.certificate()))
			.isEqualTo(Fingerprints.thingsBoardCredentialsId(credential.certificate()));
	}

	@Test
	void readWhenCertificateAndKeysPastedOnOneLineWithSpacesThenImported() {
		for (KeyType type : new KeyType[] { KeyType.EC_P256, KeyType.RSA_2048 }) {
			IssuedCredential credential = this.issuer.issue(type, "one-line", 30);
			String cert = PemCodec.certificate(credential.certificate()).replace("\n", " ");
			for (String key : new String[] { PemCodec.privateKey(credential), PemCodec.pkcs8PrivateKey(credential) }) {
				ImportedCredential imported = this.importer.read(cert, key.replace("\n", " "));
				assertThat(imported.certificate()).isEqualTo(credential.certificate());
				// taken only when a signature made with it verifies with the
				// certificate's key
				assertThat(imported.withKey()).isPresent();
				// the key on the same line as the certificate, in the certificate field
				assertThat(this.importer.read(cert + " " + key.replace("\n", " "), null).withKey()).isPresent();
			}
		}
	}

	@Test
	void readWhenMarkersGluedToTheBase64ThenImported() {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "glued", 30);
		String cert = PemCodec.certificate(credential.certificate()).replace("\n", "");
		String key = PemCodec.pkcs8PrivateKey(credential).replace("\n", "");
		assertThat(cert).startsWith("-----BEGIN CERTIFICATE-----MII")
			.doesNotContain("----- ")
			.doesNotContain(" -----")
			.doesNotContain("\n");
		ImportedCredential imported = this.importer.read(cert, key);
		assertThat(imported.certificate()).isEqualTo(credential.certificate());
		assertThat(imported.withKey()).isPresent();
		assertThat(this.importer.read(cert + key, null).withKey()).isPresent();
	}

	@Test
	void readWhenOneLineButCutOffThenStillRefusedAsCutOff() {
		String cert = PemCodec.certificate(this.issuer.issue(KeyType.EC_P256, "cut", 30).certificate())
			.replace("\n", " ");
		assertThatExceptionOfType(PkiException.class)
			.isThrownBy(() -> this.importer.read(cert.substring(0, cert.length() - 30), null))
			.withMessageContaining("cut off");
	}

	@Test
	void readWhenChainThenRefusedWithReason() {
		String chain = PemCodec.certificate(this.issuer.issue(KeyType.EC_P256, "leaf", 30).certificate())
				+ PemCodec.certificate(this.issuer.issue(KeyType.EC_P256, "ca", 30).certificate());
		assertThatExceptionOfType(PkiException.class).isThrownBy(() -> this.importer.read(chain, null))
			.withMessageContaining("holds 2 certificates")
			.withMessageContaining("ThingsBoard matches only the device's own certificate");
	}

	@Test
	void readWhenKeyBelongsToAnotherCertificateThenRefused() {
		IssuedCredential one = this.issuer.issue(KeyType.EC_P256, "one", 30);
		IssuedCredential two = this.issuer.issue(KeyType.EC_P256, "two", 30);
		IssuedCredential rsa = this.issuer.issue(KeyType.RSA_2048, "rsa", 30);
		IssuedCredential p384 = this.issuer.issue(KeyType.EC_P384, "p384", 30);
		String cert = PemCodec.certificate(one.certificate());
		assertThatExceptionOfType(PkiException.class)
			.isThrownBy(() -> this.importer.read(cert, PemCodec.privateKey(two)))
			.withMessageContaining("does not match the certificate");
		assertThatExceptionOfType(PkiException.class)
			.isThrownBy(() -> this.importer.read(cert, PemCodec.privateKey(rsa)))
			.withMessageContaining("is an RSA key but the certificate holds an EC key");
		assertThatExceptionOfType(PkiException.class)
			.isThrownBy(() -> this.importer.read(cert, PemCodec.pkcs8PrivateKey(p384)))
			.withMessageContaining("they do not belong together");
	}

	@Test
	void readWhenExpiredOrNotYetValidThenRefused() {
		Instant longAgo = Instant.now().minus(Duration.ofDays(400));
		CertificateIssuer pastIssuer = new CertificateIssuer(new SecureRandom(), Clock.fixed(longAgo, ZoneOffset.UTC));
		String expired = PemCodec.certificate(pastIssuer.issue(KeyType.EC_P256, "old", 365).certificate());
		assertThatExceptionOfType(PkiException.class).isThrownBy(() -> this.importer.read(expired, null))
			.withMessageContaining("expired on")
			.withMessageContaining("BAD_CERTIFICATE");

		Instant later = Instant.now().plus(Duration.ofDays(2));
		CertificateIssuer futureIssuer = new CertificateIssuer(new SecureRandom(), Clock.fixed(later, ZoneOffset.UTC));
		String future = PemCodec.certificate(futureIssuer.issue(KeyType.EC_P256, "new", 365).certificate());
		assertThatExceptionOfType(PkiException.class).isThrownBy(() -> this.importer.read(future, null))
			.withMessageContaining("not valid before");
	}

	@Test
	void readWhenExpiringWithinThirtyDaysThenAcceptedWithWarning() {
		String soon = PemCodec.certificate(this.issuer.issue(KeyType.EC_P256, "soon", 10).certificate());
		assertThat(this.importer.read(soon, null).warnings()).singleElement().asString().contains("expires in 9 days");
	}

	@Test
	void readWhenNotACertificateThenClearError() {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "x", 30);
		assertThatExceptionOfType(PkiException.class)
			.isThrownBy(() -> this.importer.read(PemCodec.privateKey(credential), null))
			.withMessageContaining("only a private key");
		assertThatExceptionOfType(PkiException.class)
			.isThrownBy(() -> this.importer.read(PemCodec.encode("CERTIFICATE REQUEST", new byte[] { 48, 0 }), null))
			.withMessageContaining("certificate signing request");
		assertThatExceptionOfType(PkiException.class).isThrownBy(() -> this.importer.read("hello world", null))
			.withMessageContaining("No certificate found");
		assertThatExceptionOfType(PkiException.class).isThrownBy(() -> this.importer.read("  ", null))
			.withMessageContaining("No certificate was given");
		String cert = PemCodec.certificate(credential.certificate());
		String truncatedDer = PemCodec.encode("CERTIFICATE",
				java.util.Arrays.copyOf(PemCodec.der(credential.certificate()), 100));
		assertThatExceptionOfType(PkiException.class).isThrownBy(() -> this.importer.read(truncatedDer, null))
			.withMessageContaining("is not a valid X.509 certificate");
		assertThatExceptionOfType(PkiException.class).isThrownBy(() -> this.importer.read(cert, cert))
			.withMessageContaining("key field holds a certificate");
		assertThatExceptionOfType(PkiException.class)
			.isThrownBy(
					() -> this.importer.read(cert, PemCodec.encode("EC PRIVATE KEY", new byte[] { 48, 3, 2, 1, 1 })))
			.withMessageContaining("not a valid key");
	}

	@Test
	void readWhenKeyIsEncryptedThenToldHowToDecryptIt() throws Exception {
		Openssl.run(this.dir, "ecparam", "-name", "secp256r1", "-genkey", "-noout", "-out", "key.pem");
		Openssl.run(this.dir, "req", "-new", "-x509", "-key", "key.pem", "-out", "cert.pem", "-subj", "/CN=enc");
		Openssl.run(this.dir, "pkey", "-in", "key.pem", "-aes256", "-passout", "pass:secret123", "-out", "enc.pem");
		Openssl.run(this.dir, "ec", "-in", "key.pem", "-aes256", "-passout", "pass:secret123", "-out", "legacy.pem");
		assertThat(read("legacy.pem")).contains("Proc-Type: 4,ENCRYPTED");
		assertThatExceptionOfType(PkiException.class)
			.isThrownBy(() -> this.importer.read(read("cert.pem"), read("enc.pem")))
			.withMessageContaining("encrypted with a passphrase");
		assertThatExceptionOfType(PkiException.class)
			.isThrownBy(() -> this.importer.read(read("cert.pem"), read("legacy.pem")))
			.withMessageContaining("encrypted with a passphrase");
	}

	@Test
	void readWhenUnsupportedKeyTypeThenRefused() throws Exception {
		Openssl.run(this.dir, "req", "-x509", "-newkey", "ed25519", "-nodes", "-keyout", "k.pem", "-out", "c.pem",
				"-subj", "/CN=ed");
		assertThatExceptionOfType(PkiException.class).isThrownBy(() -> this.importer.read(read("c.pem"), null))
			.withMessageContaining("is not supported");
	}

	private String read(String name) throws Exception {
		return Files.readString(this.dir.resolve(name));
	}

}

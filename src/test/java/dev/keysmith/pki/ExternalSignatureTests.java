package dev.keysmith.pki;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExternalSignatureTests {

	private static final BigInteger N = ECNamedCurveTable.getParameterSpec("secp256r1").getN();

	private final CertificateIssuer issuer = new CertificateIssuer();

	@Test
	void p256PublicKeyWhenPointCompressedThenSameKeyUncompressed() throws Exception {
		KeyPair key = p256();
		SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
		byte[] compressed = ECNamedCurveTable.getParameterSpec("secp256r1")
			.getCurve()
			.decodePoint(info.getPublicKeyData().getOctets())
			.getEncoded(true);
		PublicKey read = ExternalSignature
			.p256PublicKey(new SubjectPublicKeyInfo(info.getAlgorithm(), compressed).getEncoded());
		assertThat(read.getEncoded()).isEqualTo(key.getPublic().getEncoded());
	}

	@Test
	void p256PublicKeyWhenTrailingBytesThenRefused() throws Exception {
		byte[] spki = p256().getPublic().getEncoded();
		byte[] longer = java.util.Arrays.copyOf(spki, spki.length + 1);
		assertThatExceptionOfType(PkiException.class).isThrownBy(() -> ExternalSignature.p256PublicKey(longer))
			.withMessageContaining("SubjectPublicKeyInfo");
	}

	@Test
	void assembleWhenSignedByTheKeyThenCertificateOfThatTbs() throws Exception {
		KeyPair key = p256();
		byte[] tbs = this.issuer.toBeSigned(key.getPublic(), "sensor-1", 30);
		X509Certificate certificate = ExternalSignature.assemble(tbs, sign(tbs, key), key.getPublic());
		assertThat(certificate.getTBSCertificate()).isEqualTo(tbs);
		assertThat(certificate.getSigAlgOID()).isEqualTo("1.2.840.10045.4.3.2");
	}

	@Test
	void assembleWhenSignatureNotDerOrOutOfRangeThenRefused() throws Exception {
		KeyPair key = p256();
		byte[] tbs = this.issuer.toBeSigned(key.getPublic(), "sensor-1", 30);
		ASN1Sequence good = ASN1Sequence.getInstance(sign(tbs, key));
		BigInteger r = ASN1Integer.getInstance(good.getObjectAt(0)).getValue();
		BigInteger s = ASN1Integer.getInstance(good.getObjectAt(1)).getValue();
		for (byte[] bad : new byte[][] { signature(BigInteger.ZERO, s), signature(r, N), signature(r.add(N), s),
				withRedundantZero(r, s) }) {
			assertThatExceptionOfType(PkiException.class)
				.isThrownBy(() -> ExternalSignature.assemble(tbs, bad, key.getPublic()))
				.withMessageContaining("not a DER ECDSA signature");
		}
	}

	@Test
	void toBeSignedWhenKeyIsNotP256ThenRefused() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp384r1"));
		PublicKey p384 = generator.generateKeyPair().getPublic();
		assertThatExceptionOfType(PkiException.class).isThrownBy(() -> this.issuer.toBeSigned(p384, "sensor-1", 30));
	}

	private static byte[] signature(BigInteger r, BigInteger s) throws Exception {
		return new DERSequence(new ASN1Encodable[] { new ASN1Integer(r), new ASN1Integer(s) }).getEncoded();
	}

	/** r written with one more leading zero octet than DER allows. */
	private static byte[] withRedundantZero(BigInteger r, BigInteger s) throws Exception {
		byte[] rBytes = r.toByteArray(); // minimal already
		byte[] padded = new byte[rBytes.length + 1];
		System.arraycopy(rBytes, 0, padded, 1, rBytes.length);
		byte[] sBytes = new ASN1Integer(s).getEncoded();
		byte[] content = new byte[2 + padded.length + sBytes.length];
		content[0] = 0x02;
		content[1] = (byte) padded.length;
		System.arraycopy(padded, 0, content, 2, padded.length);
		System.arraycopy(sBytes, 0, content, 2 + padded.length, sBytes.length);
		byte[] sequence = new byte[2 + content.length];
		sequence[0] = 0x30;
		sequence[1] = (byte) content.length;
		System.arraycopy(content, 0, sequence, 2, content.length);
		return sequence;
	}

	private static byte[] sign(byte[] tbs, KeyPair key) throws Exception {
		Signature signer = Signature.getInstance("SHA256withECDSA");
		signer.initSign(key.getPrivate());
		signer.update(tbs);
		return signer.sign();
	}

	private static KeyPair p256() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

}

package dev.keysmith.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.operator.ContentSigner;

/**
 * A certificate whose key Keysmith never holds: the public key the holder sends (EC
 * P-256, a point on the curve), and the certificate assembled from the to-be-signed part
 * Keysmith built ({@link CertificateIssuer#toBeSigned}) and the holder's ECDSA signature
 * over it, checked before it is used.
 */
public final class ExternalSignature {

	private static final AlgorithmIdentifier ECDSA_SHA256 = new AlgorithmIdentifier(
			X9ObjectIdentifiers.ecdsa_with_SHA256);

	private static final org.bouncycastle.jce.spec.ECNamedCurveParameterSpec P256 = ECNamedCurveTable
		.getParameterSpec("secp256r1");

	private ExternalSignature() {
	}

	/**
	 * The EC P-256 public key in this SubjectPublicKeyInfo (DER), as WebCrypto exports it
	 * ({@code exportKey('spki')}).
	 * @throws PkiException naming what is wrong: not DER, another key type or curve, a
	 * point that is not on the curve
	 */
	public static PublicKey p256PublicKey(byte[] spki) {
		SubjectPublicKeyInfo info;
		try {
			ASN1Primitive parsed = ASN1Primitive.fromByteArray(spki);
			info = SubjectPublicKeyInfo.getInstance(parsed);
			if (!Arrays.equals(parsed.getEncoded(ASN1Encoding.DER), spki)) {
				throw new PkiException("The public key is not a DER SubjectPublicKeyInfo (extra or non-DER bytes)");
			}
		}
		catch (IOException | IllegalArgumentException | ClassCastException ex) {
			throw new PkiException("The public key is not a DER SubjectPublicKeyInfo (WebCrypto's exportKey('spki'))");
		}
		if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())) {
			throw new PkiException("The public key is not an EC key: only EC P-256 keys are made in the browser");
		}
		if (!KeyType.EC_P256.curve().equals(info.getAlgorithm().getParameters())) {
			throw new PkiException("The public key is on another curve than P-256 (secp256r1, prime256v1)");
		}
		ECPoint point;
		try {
			ECCurve curve = P256.getCurve();
			point = curve.decodePoint(info.getPublicKeyData().getOctets());
		}
		catch (IllegalArgumentException ex) {
			throw new PkiException("The public key is not a point on the P-256 curve");
		}
		if (point.isInfinity() || !point.isValid()) {
			throw new PkiException("The public key is not a point on the P-256 curve");
		}
		try {
			// uncompressed, as WebCrypto and openssl write it
			byte[] encoded = new SubjectPublicKeyInfo(info.getAlgorithm(), point.getEncoded(false)).getEncoded();
			return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(encoded));
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new PkiException("The public key is not a usable EC P-256 key", ex);
		}
	}

	/**
	 * The certificate made of this to-be-signed part and the holder's signature over it,
	 * once the signature verifies with the key.
	 * @param signature the DER {@code SEQUENCE { INTEGER r, INTEGER s }} (X.509's form,
	 * not WebCrypto's raw r||s)
	 * @throws PkiException when the signature is not DER ECDSA or does not verify
	 */
	public static X509Certificate assemble(byte[] tbs, byte[] signature, PublicKey key) {
		requireDerEcdsa(signature);
		try {
			Signature verifier = Signature.getInstance("SHA256withECDSA");
			verifier.initVerify(key);
			verifier.update(tbs);
			if (!verifier.verify(signature)) {
				throw new PkiException("The signature does not verify with the public key sent for this request: "
						+ "sign the to-be-signed bytes (tbs) with the same key's ECDSA and SHA-256");
			}
			TBSCertificate parsed = TBSCertificate.getInstance(tbs);
			byte[] der = new DERSequence(
					new ASN1Encodable[] { parsed, parsed.getSignature(), new DERBitString(signature) })
				.getEncoded(ASN1Encoding.DER);
			X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der));
			certificate.verify(key);
			if (!Arrays.equals(certificate.getTBSCertificate(), tbs)) {
				throw new IllegalStateException("The assembled certificate does not carry the to-be-signed part");
			}
			return certificate;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new PkiException("The signature does not verify with the public key sent for this request", ex);
		}
	}

	private static void requireDerEcdsa(byte[] signature) {
		try {
			ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(signature));
			if (sequence.size() == 2 && positive(sequence.getObjectAt(0)) && positive(sequence.getObjectAt(1))
					&& Arrays.equals(sequence.getEncoded(ASN1Encoding.DER), signature)) {
				return;
			}
		}
		catch (IOException | IllegalArgumentException | ClassCastException ex) {
			// refused below
		}
		throw new PkiException("The signature is not a DER ECDSA signature (SEQUENCE { INTEGER r, INTEGER s })"
				+ ((signature.length == 64) ? ": 64 bytes looks like WebCrypto's raw r||s, which must be DER-encoded"
						: ""));
	}

	private static boolean positive(ASN1Encodable value) {
		BigInteger integer = ASN1Integer.getInstance(value).getValue();
		return integer.signum() > 0 && integer.compareTo(P256.getN()) < 0;
	}

	/**
	 * Stands in for the signer while the to-be-signed part is built: it names
	 * ecdsa-with-SHA256 and signs nothing.
	 */
	static ContentSigner placeholderSigner() {
		return new ContentSigner() {

			@Override
			public AlgorithmIdentifier getAlgorithmIdentifier() {
				return ECDSA_SHA256;
			}

			@Override
			public OutputStream getOutputStream() {
				return OutputStream.nullOutputStream();
			}

			@Override
			public byte[] getSignature() {
				return new byte[0];
			}

		};
	}

}

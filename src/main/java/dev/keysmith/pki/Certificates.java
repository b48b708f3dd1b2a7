package dev.keysmith.pki;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import dev.keysmith.common.Dates;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Small facts about certificates and keys that several features need. */
public final class Certificates {

	private Certificates() {
	}

	/** The subject's (first) common name, if it has one. */
	public static Optional<String> commonName(X509Certificate certificate) {
		X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
		return Arrays.stream(subject.getRDNs(BCStyle.CN))
			.map(RDN::getFirst)
			.map((value) -> IETFUtils.valueToString(value.getValue()))
			.findFirst();
	}

	/**
	 * Whether the certificate is signed with SHA-256 (ECDSA or RSA): the only signatures
	 * a DTLS server on Scandium's default settings, ThingsBoard's, accepts on client
	 * certificates.
	 */
	public static boolean isSignedWithSha256(X509Certificate certificate) {
		String signature = certificate.getSigAlgName().toUpperCase(java.util.Locale.ROOT);
		return signature.equals("SHA256WITHECDSA") || signature.equals("SHA256WITHRSA");
	}

	/** Where a moment falls in a certificate's validity period. */
	public enum Validity {

		NOT_YET_VALID, VALID, EXPIRED

	}

	/**
	 * The one rule for whether a certificate is valid at a moment (both ends included).
	 */
	public static Validity validity(X509Certificate certificate, Instant now) {
		if (now.isAfter(certificate.getNotAfter().toInstant())) {
			return Validity.EXPIRED;
		}
		if (now.isBefore(certificate.getNotBefore().toInstant())) {
			return Validity.NOT_YET_VALID;
		}
		return Validity.VALID;
	}

	/**
	 * What is wrong with the certificate's dates at that moment, for a message ("expired
	 * on …", "is not valid before …"); {@code null} when it is valid.
	 */
	public static String outsideValidity(X509Certificate certificate, Instant now) {
		return switch (validity(certificate, now)) {
			case EXPIRED -> "expired on " + Dates.moment(certificate.getNotAfter().toInstant());
			case NOT_YET_VALID -> "is not valid before " + Dates.moment(certificate.getNotBefore().toInstant());
			case VALID -> null;
		};
	}

	/** Reads back a private key from its PKCS#8 DER encoding. */
	public static PrivateKey privateKey(KeyType type, byte[] pkcs8) {
		try {
			return KeyFactory.getInstance(type.algorithm()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A stored " + type.label() + " key cannot be read", ex);
		}
	}

	/** Reads a certificate that Keysmith itself stored (and so knows to be valid PEM). */
	public static X509Certificate fromPem(String pem) {
		return CredentialImporter.parseCertificate(PemCodec.decode(pem).get(0).content(), "A stored certificate");
	}

}

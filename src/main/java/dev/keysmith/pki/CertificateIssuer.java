package dev.keysmith.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import dev.keysmith.crypto.CryptoProvider;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues self-signed device certificates: X.509 v3, CN = device name, a random positive
 * serial, notBefore backdated for clock skew, BasicConstraints CA:false, KeyUsage
 * digitalSignature, EKU clientAuth, SKI and AKI. That profile is what a DTLS server built
 * on Scandium (ThingsBoard's) accepts from a client.
 */
public final class CertificateIssuer {

	public static final int MIN_VALIDITY_DAYS = 1;

	public static final int MAX_VALIDITY_DAYS = 3650;

	public static final int DEFAULT_VALIDITY_DAYS = 365;

	/**
	 * RFC 5280's upper bound on a common name (ub-common-name), in UTF-16 characters as
	 * Bouncy Castle counts.
	 */
	public static final int MAX_COMMON_NAME_LENGTH = 64;

	/**
	 * How far notBefore is set in the past, so that a server whose clock lags accepts it.
	 */
	static final Duration BACKDATE = Duration.ofMinutes(5);

	private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

	private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

	private final KeyPairs keyPairs;

	private final SecureRandom random;

	private final Clock clock;

	private final JcaX509ExtensionUtils extensions;

	/**
	 * Generates and signs with the given provider ({@code null}: the one chosen at
	 * start-up, at each use).
	 */
	public CertificateIssuer(CryptoProvider provider, SecureRandom random, Clock clock) {
		this.random = random;
		this.clock = clock;
		this.keyPairs = new KeyPairs(provider, random);
		this.extensions = keyIdentifiers();
	}

	/** What makes key identifiers (SKI, AKI): the SHA-1 of the key, as RFC 5280 says. */
	static JcaX509ExtensionUtils keyIdentifiers() {
		try {
			return new JcaX509ExtensionUtils();
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is needed for key identifiers", ex);
		}
	}

	/**
	 * With the provider chosen at start-up ({@link CryptoProvider#inUse()}), whenever
	 * this was made.
	 */
	public CertificateIssuer(SecureRandom random, Clock clock) {
		this(null, random, clock);
	}

	public CertificateIssuer() {
		this(new SecureRandom(), Clock.systemUTC());
	}

	/**
	 * What is wrong with a validity of this many days, if anything: the one home of the
	 * validity range.
	 */
	public static java.util.Optional<String> validityProblem(int validityDays) {
		if (validityDays < MIN_VALIDITY_DAYS || validityDays > MAX_VALIDITY_DAYS) {
			return java.util.Optional.of("Validity must be between %d and %d days, not %d".formatted(MIN_VALIDITY_DAYS,
					MAX_VALIDITY_DAYS, validityDays));
		}
		return java.util.Optional.empty();
	}

	/** Generates a key pair of the given type and a self-signed certificate for it. */
	public IssuedCredential issue(KeyType type, String commonName, int validityDays) {
		if (!type.isGeneratable()) {
			throw new PkiException("Keysmith does not generate " + type.label() + " keys");
		}
		checkRequest(commonName, validityDays);
		KeyPair keyPair = this.keyPairs.generate(type);
		return new IssuedCredential(type, keyPair.getPrivate(),
				selfSign(keyPair, type, commonName, Duration.ofDays(validityDays)));
	}

	/**
	 * A new self-signed certificate for a key pair that exists already (a renewal that
	 * keeps the device's key).
	 */
	public IssuedCredential reissue(IssuedCredential existing, String commonName, int validityDays) {
		checkRequest(commonName, validityDays);
		KeyPair keyPair = new KeyPair(existing.certificate().getPublicKey(), existing.privateKey());
		return new IssuedCredential(existing.keyType(), existing.privateKey(),
				selfSign(keyPair, existing.keyType(), commonName, Duration.ofDays(validityDays)));
	}

	static void checkRequest(String commonName, int validityDays) {
		if (commonName.length() > MAX_COMMON_NAME_LENGTH) {
			throw new PkiException("A common name has at most %d characters; '%s' has %d"
				.formatted(MAX_COMMON_NAME_LENGTH, commonName, commonName.length()));
		}
		validityProblem(validityDays).ifPresent((problem) -> {
			throw new PkiException(problem);
		});
	}

	/**
	 * The to-be-signed part (DER TBSCertificate) of a self-signed certificate for a key
	 * that someone else holds: the same profile as {@link #issue}, ecdsa-with-SHA256, for
	 * the holder of the EC P-256 key to sign (see {@link ExternalSignature}).
	 */
	public byte[] toBeSigned(PublicKey publicKey, String commonName, int validityDays) {
		if (KeyType.of(publicKey).orElse(null) != KeyType.EC_P256) {
			throw new PkiException("Only EC P-256 keys are signed this way");
		}
		checkRequest(commonName, validityDays);
		try {
			X509v3CertificateBuilder builder = builder(publicKey, commonName, Duration.ofDays(validityDays));
			return builder.build(ExternalSignature.placeholderSigner())
				.toASN1Structure()
				.getTBSCertificate()
				.getEncoded(ASN1Encoding.DER);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not build a certificate for '" + commonName + "'", ex);
		}
	}

	private X509Certificate selfSign(KeyPair keyPair, KeyType type, String commonName, Duration validity) {
		try {
			return sign(builder(keyPair.getPublic(), commonName, validity), type, keyPair.getPrivate(), commonName);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not sign a certificate for '" + commonName + "'", ex);
		}
	}

	/** A self-signed device certificate, not yet signed. */
	private X509v3CertificateBuilder builder(PublicKey key, String commonName, Duration validity) throws IOException {
		Instant now = this.clock.instant();
		return deviceProfile(key, commonName, now.minus(BACKDATE), now.plus(validity), null, null);
	}

	/**
	 * The one home of the device certificate profile, whoever signs it: CN = the name,
	 * CA:false, digitalSignature, clientAuth, its key's identifier.
	 * @param issuer the issuing CA's name, or {@code null} for a self-signed certificate
	 * @param authority the issuing CA's key identifier, or {@code null} for a self-signed
	 * certificate (its own)
	 */
	X509v3CertificateBuilder deviceProfile(PublicKey key, String commonName, Instant notBefore, Instant notAfter,
			X500Name issuer, AuthorityKeyIdentifier authority) throws IOException {
		X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
		SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(key.getEncoded());
		SubjectKeyIdentifier keyId = this.extensions.createSubjectKeyIdentifier(publicKey);
		return new X509v3CertificateBuilder((issuer != null) ? issuer : subject, serial(), time(notBefore),
				time(notAfter), subject, publicKey)
			.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
			.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
			.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
			.addExtension(Extension.subjectKeyIdentifier, false, keyId)
			.addExtension(Extension.authorityKeyIdentifier, false,
					(authority != null) ? authority : new AuthorityKeyIdentifier(keyId.getKeyIdentifier()));
	}

	/**
	 * A certificate serial: 159 random bits with the top one set, always positive, 20
	 * octets.
	 */
	BigInteger serial() {
		return new BigInteger(159, this.random).setBit(158);
	}

	/** Signs a certificate with the given key, with the provider Keysmith signs with. */
	X509Certificate sign(X509v3CertificateBuilder builder, KeyType signerType, PrivateKey signer, String commonName) {
		try {
			var contentSigner = new JcaContentSignerBuilder(signerType.signatureAlgorithm())
				.setProvider(this.keyPairs.provider().provider())
				.build(signer);
			return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
		}
		catch (OperatorCreationException | CertificateException ex) {
			throw new IllegalStateException("Could not sign a certificate for '" + commonName + "'", ex);
		}
	}

	/** A new key pair of the type, made as Keysmith makes them. */
	KeyPair generate(KeyType type) {
		return this.keyPairs.generate(type);
	}

	/**
	 * A validity time as RFC 5280 wants it and as Bouncy Castle's {@code Time(Date)}
	 * writes it (UTCTime for 1950 to 2049, GeneralizedTime after, whole seconds, UTC),
	 * without the {@code SimpleDateFormat} that spends a fifth of the time of issuing a
	 * credential.
	 */
	static Time time(Instant instant) {
		ZonedDateTime utc = instant.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
		boolean utcTime = utc.getYear() >= 1950 && utc.getYear() < 2050;
		byte[] text = (utcTime ? UTC_TIME : GENERALIZED_TIME).format(utc).getBytes(StandardCharsets.US_ASCII);
		// from its DER encoding: the String constructors check the text with a
		// SimpleDateFormat, as slow as Date's
		byte[] der = new byte[text.length + 2];
		der[0] = (byte) (utcTime ? BERTags.UTC_TIME : BERTags.GENERALIZED_TIME);
		der[1] = (byte) text.length;
		System.arraycopy(text, 0, der, 2, text.length);
		try {
			return Time.getInstance(ASN1Primitive.fromByteArray(der));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not encode " + instant, ex);
		}
	}

}

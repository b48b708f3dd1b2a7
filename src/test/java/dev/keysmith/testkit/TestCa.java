package dev.keysmith.testkit;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test certificate authority: issues DTLS server certificates (SAN localhost and
 * 127.0.0.1) and client certificates with any validity, expired ones included. Test code
 * only.
 */
public final class TestCa {

	private final KeyPair keyPair;

	private final X509Certificate certificate;

	public TestCa(String commonName) {
		this.keyPair = ecKeyPair();
		this.certificate = build(new X500Name("CN=" + commonName), this.keyPair, this.keyPair.getPrivate(), null, true,
				Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(3650)), null);
	}

	public X509Certificate certificate() {
		return this.certificate;
	}

	/** The CA's own key and certificate, as Keysmith holds a CA imported with its key. */
	public IssuedCredential asSigner() {
		return new IssuedCredential(KeyType.EC_P256, this.keyPair.getPrivate(), this.certificate);
	}

	/** A server certificate for loopback, signed by this CA. */
	public IssuedCredential serverCredential(String commonName) {
		KeyPair pair = ecKeyPair();
		GeneralNames names = new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
				new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress()) });
		X509Certificate cert = build(new X500Name("CN=" + commonName), pair, this.keyPair.getPrivate(),
				this.certificate, false, Instant.now().minus(Duration.ofDays(1)),
				Instant.now().plus(Duration.ofDays(365)), names);
		return new IssuedCredential(KeyType.EC_P256, pair.getPrivate(), cert);
	}

	/** A client certificate valid between the two instants, signed by this CA. */
	public IssuedCredential clientCredential(String commonName, Instant notBefore, Instant notAfter) {
		KeyPair pair = ecKeyPair();
		X509Certificate cert = build(new X500Name("CN=" + commonName), pair, this.keyPair.getPrivate(),
				this.certificate, false, notBefore, notAfter, null);
		return new IssuedCredential(KeyType.EC_P256, pair.getPrivate(), cert);
	}

	/**
	 * A client certificate with exactly this subject and serial number, valid from
	 * yesterday for a year, signed by this CA: for subjects and serials no well-behaved
	 * issuer would write.
	 */
	public IssuedCredential clientCredential(X500Name subject, BigInteger serial) {
		KeyPair pair = ecKeyPair();
		X509Certificate cert = build(subject, serial, pair, this.keyPair.getPrivate(), this.certificate, false,
				Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)), null);
		return new IssuedCredential(KeyType.EC_P256, pair.getPrivate(), cert);
	}

	private static X509Certificate build(X500Name subject, KeyPair subjectKeys, PrivateKey signer,
			X509Certificate issuer, boolean ca, Instant notBefore, Instant notAfter, GeneralNames names) {
		return build(subject, new BigInteger(64, new SecureRandom()).setBit(63), subjectKeys, signer, issuer, ca,
				notBefore, notAfter, names);
	}

	private static X509Certificate build(X500Name subject, BigInteger serial, KeyPair subjectKeys, PrivateKey signer,
			X509Certificate issuer, boolean ca, Instant notBefore, Instant notAfter, GeneralNames names) {
		try {
			JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
			X500Name issuerName = (issuer != null) ? X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded())
					: subject;
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial, Date.from(notBefore),
					Date.from(notAfter), subject, subjectKeys.getPublic())
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
				.addExtension(Extension.subjectKeyIdentifier, false,
						utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
			if (ca) {
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			}
			else {
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
				builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
						new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
				builder.addExtension(Extension.authorityKeyIdentifier, false,
						utils.createAuthorityKeyIdentifier(issuer));
			}
			if (names != null) {
				builder.addExtension(Extension.subjectAlternativeName, false, names);
			}
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A currently valid client certificate of exactly {@code derBytes} bytes (DER),
	 * signed by this CA: its subject is padded with organisational units, as a long
	 * subject makes a certificate large in practice.
	 */
	public IssuedCredential clientCredentialOfSize(String commonName, int derBytes) {
		KeyPair pair = ecKeyPair();
		int padding = 0;
		for (int attempt = 0; attempt < 100; attempt++) {
			X509Certificate cert = build(paddedName(commonName, padding), pair, this.keyPair.getPrivate(),
					this.certificate, false, Instant.now().minus(Duration.ofMinutes(5)),
					Instant.now().plus(Duration.ofDays(1)), null);
			int size = encodedLength(cert);
			if (size == derBytes) {
				return new IssuedCredential(KeyType.EC_P256, pair.getPrivate(), cert);
			}
			// an ECDSA signature takes 70 to 72 bytes: near the size, signing again may
			// hit it
			if (Math.abs(size - derBytes) > 2) {
				padding = Math.max(0, padding + derBytes - size);
			}
		}
		throw new IllegalArgumentException("No certificate of " + derBytes + " bytes could be made");
	}

	private static X500Name paddedName(String commonName, int padding) {
		StringBuilder name = new StringBuilder("CN=" + commonName);
		// each unit costs its text plus 11 bytes of DER (SET, SEQUENCE, OID, string
		// header)
		int left = padding;
		while (left >= 12) {
			int text = Math.min(64, left - 11);
			int rest = left - text - 11;
			if (rest > 0 && rest < 12) {
				text -= 12 - rest;
			}
			name.append(",OU=").append("x".repeat(text));
			left -= text + 11;
		}
		return new X500Name(name.toString());
	}

	private static int encodedLength(X509Certificate cert) {
		try {
			return cert.getEncoded().length;
		}
		catch (java.security.cert.CertificateEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair ecKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A self-signed EC P-384 device credential signed with SHA384withECDSA, which a
	 * Scandium server on its default settings (ThingsBoard's) never gets to see.
	 */
	public static IssuedCredential selfSignedWithSha384(String commonName) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp384r1"));
			KeyPair pair = generator.generateKeyPair();
			X500Name subject = new X500Name("CN=" + commonName);
			Instant now = Instant.now();
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(new JcaX509v3CertificateBuilder(subject, BigInteger.TEN,
						Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(86400)), subject, pair.getPublic())
					.build(new JcaContentSignerBuilder("SHA384withECDSA").build(pair.getPrivate())));
			return new IssuedCredential(KeyType.EC_P384, pair.getPrivate(), certificate);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package dev.keysmith.pki;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.keysmith.crypto.CryptoProvider;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * Device CAs: makes a CA (self-signed, CA:true with no CA below it, keyCertSign and
 * cRLSign), checks one brought in, and issues device certificates from one. A device
 * certificate from a CA has the profile of Keysmith's self-signed ones (CN = device name,
 * CA:false, digitalSignature, clientAuth, SKI) with the CA as issuer and the CA's key
 * identifier as AKI, and lies within the CA's validity.
 */
public final class CaIssuer {

	/** Device certificates: their profile, serials, key pairs and signing. */
	private final CertificateIssuer devices;

	private final Clock clock;

	public CaIssuer(CryptoProvider provider, SecureRandom random, Clock clock) {
		this.devices = new CertificateIssuer(provider, random, clock);
		this.clock = clock;
	}

	public CaIssuer(SecureRandom random, Clock clock) {
		this(null, random, clock);
	}

	/** A new CA of the given EC type: its key and self-signed certificate. */
	public IssuedCredential createCa(KeyType type, String commonName, int validityDays) {
		if (type != KeyType.EC_P256 && type != KeyType.EC_P384) {
			throw new PkiException("A Keysmith CA is EC P-256 or EC P-384, not " + type.label());
		}
		CertificateIssuer.checkRequest(commonName, validityDays);
		KeyPair keyPair = this.devices.generate(type);
		X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
		SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded());
		SubjectKeyIdentifier keyId = CertificateIssuer.keyIdentifiers().createSubjectKeyIdentifier(publicKey);
		Instant now = this.clock.instant();
		try {
			X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, this.devices.serial(),
					CertificateIssuer.time(now.minus(CertificateIssuer.BACKDATE)),
					CertificateIssuer.time(now.plus(Duration.ofDays(validityDays))), subject, publicKey)
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
				.addExtension(Extension.subjectKeyIdentifier, false, keyId)
				.addExtension(Extension.authorityKeyIdentifier, false,
						new AuthorityKeyIdentifier(keyId.getKeyIdentifier()));
			return new IssuedCredential(type, keyPair.getPrivate(),
					this.devices.sign(builder, type, keyPair.getPrivate(), commonName));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not make the CA '" + commonName + "'", ex);
		}
	}

	/**
	 * Checks that a certificate brought in with its key can sign device certificates: a
	 * CA (BasicConstraints CA:true), allowed to sign certificates when it says what its
	 * key is for, and valid now. (Its key was matched to it on reading.)
	 */
	public void checkCa(X509Certificate certificate) {
		if (certificate.getBasicConstraints() < 0) {
			throw new PkiException("This certificate is not a CA (its BasicConstraints do not say CA:true): it "
					+ "cannot sign device certificates. Give the CA's own certificate.");
		}
		KeyType type = KeyType.of(certificate.getPublicKey()).orElse(null);
		if (type == null || type == KeyType.EC_P521) {
			throw new PkiException("The CA's key must be EC P-256, EC P-384 or RSA 2048 to 4096: the device "
					+ "certificates it signs must be signed with SHA-256 for ThingsBoard's DTLS to take them");
		}
		if (!Certificates.isSignedWithSha256(certificate)) {
			throw new PkiException("The CA certificate is not signed with SHA-256: ThingsBoard's DTLS (Scandium) "
					+ "takes only SHA-256 signatures in a client's chain, and would get no certificate at all");
		}
		boolean[] usage = certificate.getKeyUsage();
		if (usage != null && (usage.length <= 5 || !usage[5])) {
			throw new PkiException("This CA's KeyUsage does not allow it to sign certificates (keyCertSign)");
		}
		Instant now = this.clock.instant();
		if (Certificates.validity(certificate, now) != Certificates.Validity.VALID) {
			throw new PkiException("The CA certificate " + Certificates.outsideValidity(certificate, now));
		}
	}

	/**
	 * A new key pair of the given type and a certificate for it from the CA.
	 * @param ca the CA's key and certificate
	 */
	public IssuedCredential issue(KeyType type, String commonName, int validityDays, IssuedCredential ca) {
		if (!type.isGeneratable()) {
			throw new PkiException("Keysmith does not generate " + type.label() + " keys");
		}
		KeyPair keyPair = this.devices.generate(type);
		return new IssuedCredential(type, keyPair.getPrivate(),
				certify(keyPair.getPublic(), commonName, validityDays, ca));
	}

	/**
	 * A certificate from the CA for a public key made elsewhere (a renewal that keeps the
	 * key, a CSR's key): the device profile, the CA as issuer, within the CA's validity.
	 */
	public X509Certificate certify(PublicKey publicKey, String commonName, int validityDays, IssuedCredential ca) {
		CertificateIssuer.checkRequest(commonName, validityDays);
		Instant now = this.clock.instant();
		Instant notAfter = now.plus(Duration.ofDays(validityDays));
		Instant caEnds = ca.certificate().getNotAfter().toInstant();
		if (notAfter.isAfter(caEnds)) {
			long most = Duration.between(now, caEnds).toDays();
			throw new PkiException(("The CA's certificate ends on %s: a device certificate from it can last %d days "
					+ "at most, not %d")
				.formatted(caEnds, most, validityDays));
		}
		Instant notBefore = now.minus(CertificateIssuer.BACKDATE);
		Instant caBegins = ca.certificate().getNotBefore().toInstant();
		if (notBefore.isBefore(caBegins)) {
			notBefore = caBegins;
		}
		X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
		try {
			return this.devices.sign(this.devices.deviceProfile(publicKey, commonName, notBefore, notAfter, issuer,
					authorityKeyId(ca.certificate())), ca.keyType(), ca.privateKey(), commonName);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not certify '" + commonName + "'", ex);
		}
	}

	/**
	 * The CA's key identifier alone (no issuer name and serial, which only make every
	 * handshake longer): its own SKI when it has one, else the SHA-1 of its key.
	 */
	private static AuthorityKeyIdentifier authorityKeyId(X509Certificate ca) {
		byte[] extension = ca.getExtensionValue(Extension.subjectKeyIdentifier.getId());
		if (extension != null) {
			byte[] keyId = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
				.getKeyIdentifier();
			return new AuthorityKeyIdentifier(keyId);
		}
		SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(ca.getPublicKey().getEncoded());
		return new AuthorityKeyIdentifier(
				CertificateIssuer.keyIdentifiers().createSubjectKeyIdentifier(key).getKeyIdentifier());
	}

}

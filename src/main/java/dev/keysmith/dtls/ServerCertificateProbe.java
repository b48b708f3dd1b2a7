package dev.keysmith.dtls;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;

/**
 * What a DTLS server presents, seen by a handshake that checks nothing: to show the
 * operator when Keysmith refuses a server's certificate, and to offer it as the server's
 * trust anchor when ThingsBoard does not publish one.
 */
public final class ServerCertificateProbe {

	private static final String THROWAWAY_CN = "keysmith-preflight";

	private ServerCertificateProbe() {
	}

	/**
	 * A certificate that belongs to no device: ThingsBoard completes the handshake with
	 * it and answers its requests with 4.01.
	 */
	public static DtlsIdentity throwawayIdentity() {
		return throwawayIdentity(KeyType.EC_P256);
	}

	public static DtlsIdentity throwawayIdentity(KeyType type) {
		IssuedCredential throwaway = new CertificateIssuer().issue(type, THROWAWAY_CN, 1);
		return new DtlsIdentity(throwaway.privateKey(), throwaway.certificate());
	}

	/** A handshake that checks nothing and only shows what the server presents. */
	public static HandshakeReport probe(DtlsProperties properties, DtlsIdentity identity, DtlsPeer peer) {
		try (DtlsClient probe = DtlsClient.open(properties, identity, new ServerTrust.AnyCertificate(),
				peer.withoutHostNameCheck(), (note) -> {
				})) {
			probe.ping();
			return probe.handshake();
		}
	}

	public static String reveal(DtlsProperties properties, DtlsIdentity identity, DtlsPeer peer) {
		return describe(probe(properties, identity, peer));
	}

	public static String describe(HandshakeReport handshake) {
		if (handshake.serverCertificate() == null) {
			return "unknown";
		}
		return describe(handshake.serverCertificate());
	}

	public static String describe(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().getName() + ", issued by "
				+ certificate.getIssuerX500Principal().getName() + ", SHA-256 " + Fingerprints.sha256(certificate);
	}

	/**
	 * What to trust of a presented chain: the self-signed CA it ends in, else the
	 * server's own certificate (a trust anchor that Scandium accepts as it is);
	 * {@code null} for an empty chain.
	 */
	public static X509Certificate trustAnchor(List<X509Certificate> chain) {
		if (chain.isEmpty()) {
			return null;
		}
		X509Certificate last = chain.get(chain.size() - 1);
		boolean ca = chain.size() == 1 || last.getBasicConstraints() >= 0;
		return (ca && selfSigned(last)) ? last : chain.get(0);
	}

	private static boolean selfSigned(X509Certificate certificate) {
		if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
			return false;
		}
		try {
			certificate.verify(certificate.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

}

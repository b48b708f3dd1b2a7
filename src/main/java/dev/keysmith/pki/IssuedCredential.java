package dev.keysmith.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A device's private key and its certificate.
 *
 * @param issuers the certificates above it up to its CA, for a certificate a CA issued;
 * empty for a self-signed one
 */
public record IssuedCredential(KeyType keyType, PrivateKey privateKey, X509Certificate certificate,
		List<X509Certificate> issuers) {

	public IssuedCredential {
		issuers = List.copyOf(issuers);
	}

	/** A self-signed one, or one whose issuers are not known. */
	public IssuedCredential(KeyType keyType, PrivateKey privateKey, X509Certificate certificate) {
		this(keyType, privateKey, certificate, List.of());
	}

	/** The certificate, then its issuers: what a client presents. */
	public List<X509Certificate> chain() {
		List<X509Certificate> chain = new ArrayList<>(this.issuers.size() + 1);
		chain.add(this.certificate);
		chain.addAll(this.issuers);
		return chain;
	}

}

package dev.keysmith.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A certificate (and, when given, its matching private key) that passed the import
 * checks, with the warnings the operator should see.
 */
public record ImportedCredential(KeyType keyType, X509Certificate certificate, Optional<PrivateKey> privateKey,
		List<String> warnings) {

	public Optional<IssuedCredential> withKey() {
		return this.privateKey.map((key) -> new IssuedCredential(this.keyType, key, this.certificate));
	}

}

package dev.keysmith.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A device's private key and its certificate. */
public record IssuedCredential(KeyType keyType, PrivateKey privateKey, X509Certificate certificate) {

}

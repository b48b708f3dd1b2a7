package dev.keysmith.dtls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * Who the DTLS client is: the device's own key and certificate (or a throwaway pair for
 * probes).
 */
public record DtlsIdentity(PrivateKey privateKey, X509Certificate certificate) {

}

package dev.keysmith.dtls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Who the DTLS client is: the device's own key and certificate (or a throwaway pair for
 * probes), with the certificates above it when a CA issued it: the client presents them
 * all.
 */
public record DtlsIdentity(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> issuers) {

	public DtlsIdentity {
		issuers = List.copyOf(issuers);
	}

	public DtlsIdentity(PrivateKey privateKey, X509Certificate certificate) {
		this(privateKey, certificate, List.of());
	}

	/** The certificate, then its issuers. */
	X509Certificate[] chain() {
		X509Certificate[] chain = new X509Certificate[this.issuers.size() + 1];
		chain[0] = this.certificate;
		for (int i = 0; i < this.issuers.size(); i++) {
			chain[i + 1] = this.issuers.get(i);
		}
		return chain;
	}

}

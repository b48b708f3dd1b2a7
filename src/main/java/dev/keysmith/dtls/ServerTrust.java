package dev.keysmith.dtls;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** How the DTLS client decides whether it talks to the real server. */
public sealed interface ServerTrust {

	/** In plain words, for the run's evidence. */
	String describe();

	/**
	 * Certificates issued by one of these CAs (the server's confirmed CA, or public
	 * roots).
	 */
	record TrustedCas(List<X509Certificate> certificates, String description) implements ServerTrust {

		@Override
		public String describe() {
			return this.description;
		}

	}

	/**
	 * Exactly the server certificate with this SHA-256 fingerprint (openssl's colon
	 * form).
	 */
	record PinnedCertificate(String sha256Fingerprint) implements ServerTrust {

		@Override
		public String describe() {
			return "the pinned server certificate " + this.sha256Fingerprint;
		}

	}

	/** Any certificate: only to reveal what a server presents, never to vouch for it. */
	record AnyCertificate() implements ServerTrust {

		@Override
		public String describe() {
			return "no check (probe only)";
		}

	}

	/** The JDK's trust store, for servers with publicly trusted certificates. */
	static TrustedCas publicRoots() {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init((KeyStore) null);
			for (var manager : factory.getTrustManagers()) {
				if (manager instanceof X509TrustManager x509) {
					return new TrustedCas(List.of(x509.getAcceptedIssuers()), "the JDK's public CAs");
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("The JDK trust store cannot be read", ex);
		}
		throw new IllegalStateException("The JDK has no X.509 trust manager");
	}

}

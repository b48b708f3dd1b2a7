package dev.keysmith.thingsboard;

import java.security.cert.X509Certificate;
import java.util.List;

import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.PemBlock;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.pki.PkiException;

/**
 * Reading the DTLS server's CA: one certificate or a chain, shown by subject and
 * fingerprint.
 */
public final class CaCertificates {

	private CaCertificates() {
	}

	/**
	 * Parses and re-encodes the CA certificates, so what is stored is exactly what was
	 * shown.
	 */
	public static List<X509Certificate> read(String pem) {
		List<PemBlock> blocks;
		try {
			blocks = PemCodec.decode((pem != null) ? pem : "");
		}
		catch (PkiException ex) {
			throw new InvalidRequestException("serverCaPem", "The server CA is damaged: " + ex.getMessage());
		}
		List<PemBlock> certificates = blocks.stream().filter((b) -> b.label().equals(PemCodec.CERTIFICATE)).toList();
		if (certificates.isEmpty()) {
			throw new InvalidRequestException("serverCaPem",
					"The server CA must be a PEM certificate ('-----BEGIN CERTIFICATE-----')");
		}
		try {
			return certificates.stream()
				.map((b) -> Certificates.fromPem(PemCodec.encode(b.label(), b.content())))
				.toList();
		}
		catch (PkiException ex) {
			throw new InvalidRequestException("serverCaPem", ex.getMessage());
		}
	}

	static String encode(List<X509Certificate> certificates) {
		return String.join("", certificates.stream().map(PemCodec::certificate).toList());
	}

	/**
	 * What the operator sees before trusting a CA: subject and SHA-256 of the first
	 * certificate.
	 */
	public record Summary(String subject, String sha256Fingerprint, int certificates) {

		public static Summary of(String pem) {
			if (pem == null) {
				return null;
			}
			List<X509Certificate> chain = read(pem);
			return new Summary(chain.get(0).getSubjectX500Principal().getName(), Fingerprints.sha256(chain.get(0)),
					chain.size());
		}

	}

}

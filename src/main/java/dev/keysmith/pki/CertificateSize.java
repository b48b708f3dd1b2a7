package dev.keysmith.pki;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Whether a device certificate is small enough for ThingsBoard's DTLS server to take,
 * given its datagram limit (its {@code COAP_DTLS_MAX_FRAGMENT_LENGTH}, 1024 by default).
 * Measured against a DTLS server configured as ThingsBoard's (docs/thingsboard.md,
 * "Datagram size"):
 * <ul>
 * <li>Sent whole, in one DTLS record, the certificate comes with 31 bytes of headers, and
 * the server reads at most its limit plus 106 bytes of a datagram: with the defaults,
 * certificates of up to 1,099 bytes. libcoap with OpenSSL always sends a device's
 * certificate whole, so from such a device a larger one never completes a handshake.</li>
 * <li>Split into fragments, as Keysmith's own client sends it, any certificate of up to
 * 8,186 bytes: the server puts a split handshake message of at most 8,192 bytes back
 * together.</li>
 * </ul>
 */
public final class CertificateSize {

	/**
	 * ThingsBoard's default {@code COAP_DTLS_MAX_FRAGMENT_LENGTH} and
	 * {@code COAP_DTLS_MAX_TRANSMISSION_UNIT}.
	 */
	public static final int THINGSBOARD_DEFAULT_DATAGRAM_LIMIT = 1024;

	/**
	 * Record header (13), handshake header (12), lengths of the certificate list and of
	 * the certificate (3 + 3).
	 */
	static final int WHOLE_RECORD_OVERHEAD = 31;

	/**
	 * What ThingsBoard's DTLS server (Scandium) reads beyond its fragment length: the
	 * largest cipher expansion (81) and the record and handshake headers (25).
	 */
	static final int SERVER_READ_ALLOWANCE = 106;

	/**
	 * The longest split handshake message ThingsBoard's DTLS server puts back together.
	 */
	static final int LARGEST_REASSEMBLED_MESSAGE = 8192;

	/**
	 * The certificate message's own header: the lengths of the list and of the
	 * certificate (3 + 3).
	 */
	private static final int CERTIFICATE_MESSAGE_OVERHEAD = 6;

	private CertificateSize() {
	}

	/**
	 * The largest certificate a server with this datagram limit takes sent whole (1,099
	 * bytes for 1,024).
	 */
	public static int largestWhole(int datagramLimit) {
		return datagramLimit + SERVER_READ_ALLOWANCE - WHOLE_RECORD_OVERHEAD;
	}

	/**
	 * The largest certificate ThingsBoard's DTLS server takes split into fragments,
	 * whatever its limit.
	 */
	public static int largestSplit() {
		return LARGEST_REASSEMBLED_MESSAGE - CERTIFICATE_MESSAGE_OVERHEAD;
	}

	/**
	 * A plain warning when devices could not send this certificate to a server with this
	 * datagram limit.
	 */
	public static Optional<String> warning(X509Certificate certificate, int datagramLimit) {
		int size = encodedLength(certificate);
		if (size > largestSplit()) {
			return Optional.of(("The certificate is %,d bytes: ThingsBoard's DTLS server puts a handshake "
					+ "message split into fragments back together only up to %,d bytes, so no device that splits it "
					+ "can connect, and sent whole it needs a datagram of over 8 KB, which ThingsBoard reads only "
					+ "with COAP_DTLS_MAX_FRAGMENT_LENGTH set to 0 (no limit). Use a smaller certificate: a shorter "
					+ "subject, fewer extensions, an EC key.")
				.formatted(size, LARGEST_REASSEMBLED_MESSAGE));
		}
		if (size > largestWhole(datagramLimit)) {
			return Optional.of(("The certificate is %,d bytes: at a %,d-byte DTLS datagram limit, ThingsBoard's "
					+ "DTLS server takes a certificate sent in one piece only up to %,d bytes (measured: %,d with its "
					+ "defaults, COAP_DTLS_MAX_TRANSMISSION_UNIT and COAP_DTLS_MAX_FRAGMENT_LENGTH = 1024). A device "
					+ "whose DTLS stack sends it whole, as libcoap with OpenSSL does, never completes a handshake; "
					+ "stacks that split it into smaller fragments, Keysmith's verification among them, still connect. "
					+ "On the ThingsBoard server, raise COAP_DTLS_MAX_FRAGMENT_LENGTH to 2048 or 4096: it sets how "
					+ "long a datagram the server reads (COAP_DTLS_MAX_TRANSMISSION_UNIT only bounds the server's own "
					+ "datagrams, 1500 at most). Or use a smaller certificate: a shorter subject, fewer extensions, an "
					+ "EC key.")
				.formatted(size, datagramLimit, largestWhole(datagramLimit),
						largestWhole(THINGSBOARD_DEFAULT_DATAGRAM_LIMIT)));
		}
		return Optional.empty();
	}

	private static int encodedLength(X509Certificate certificate) {
		try {
			return certificate.getEncoded().length;
		}
		catch (CertificateEncodingException ex) {
			throw new PkiException("The certificate cannot be encoded: " + ex.getMessage());
		}
	}

}

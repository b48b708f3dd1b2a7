package dev.keysmith.pki;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.keysmith.common.Dates;

/**
 * Checks a certificate made elsewhere (and optionally its private key) before Keysmith
 * takes it: exactly one certificate, currently valid, of a supported key type, and a key
 * that belongs to it. Every refusal says what was wrong.
 */
public final class CredentialImporter {

	/** Certificates that expire sooner than this are accepted with a warning. */
	public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

	private final Clock clock;

	public CredentialImporter(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Reads uploaded files: PEM text, or a binary DER certificate.
	 * @param certificateFile the certificate (may also hold the key)
	 * @param keyFile the private key, or {@code null}/empty when none is imported
	 */
	public ImportedCredential read(byte[] certificateFile, byte[] keyFile) {
		if (certificateFile == null || certificateFile.length == 0) {
			throw new PkiException("No certificate was given");
		}
		String keyText = (keyFile != null) ? new String(keyFile, StandardCharsets.US_ASCII) : null;
		if (!looksLikeText(certificateFile)) {
			return check(parseCertificate(certificateFile, "The uploaded file"), readKey(keyText, List.of()));
		}
		return read(new String(certificateFile, StandardCharsets.US_ASCII), keyText);
	}

	/**
	 * Reads pasted text: a certificate PEM (optionally with its key) and an optional key
	 * PEM.
	 */
	public ImportedCredential read(String certificateText, String keyText) {
		if (certificateText == null || certificateText.isBlank()) {
			throw new PkiException("No certificate was given");
		}
		List<PemBlock> blocks = PemCodec.decode(certificateText);
		if (blocks.isEmpty()) {
			return check(parseBareBase64(certificateText), readKey(keyText, List.of()));
		}
		List<PemBlock> certificates = blocks.stream().filter((b) -> b.label().equals(PemCodec.CERTIFICATE)).toList();
		if (certificates.isEmpty()) {
			throw new PkiException(noCertificateMessage(blocks));
		}
		if (certificates.size() > 1) {
			throw new PkiException(("The text holds %d certificates (a chain or a bundle). ThingsBoard matches only "
					+ "the device's own certificate, so import exactly one: the leaf certificate issued to the device.")
				.formatted(certificates.size()));
		}
		X509Certificate certificate = parseCertificate(certificates.get(0).content(), "The CERTIFICATE block");
		List<PemBlock> keyBlocksBesideCertificate = blocks.stream().filter(PrivateKeys::isKeyBlock).toList();
		return check(certificate, readKey(keyText, keyBlocksBesideCertificate));
	}

	private Optional<ParsedKey> readKey(String keyText, List<PemBlock> keyBlocksBesideCertificate) {
		if (keyText != null && !keyText.isBlank()) {
			List<PemBlock> blocks = PemCodec.decode(keyText);
			if (blocks.isEmpty()) {
				throw new PkiException("The key is not PEM: expected a '-----BEGIN … PRIVATE KEY-----' block");
			}
			return Optional.of(PrivateKeys.read(blocks));
		}
		if (!keyBlocksBesideCertificate.isEmpty()) {
			return Optional.of(PrivateKeys.read(keyBlocksBesideCertificate));
		}
		return Optional.empty();
	}

	private ImportedCredential check(X509Certificate certificate, Optional<ParsedKey> key) {
		KeyType type = KeyType.of(certificate.getPublicKey())
			.orElseThrow(() -> new PkiException("The certificate's key (" + describe(certificate)
					+ ") is not supported: use EC P-256, P-384, P-521 or RSA 2048 to 4096"));
		List<String> warnings = new ArrayList<>();
		checkValidity(certificate, warnings);
		checkUsage(certificate, warnings);
		CertificateSize.warning(certificate, CertificateSize.THINGSBOARD_DEFAULT_DATAGRAM_LIMIT)
			.ifPresent(warnings::add);
		return new ImportedCredential(type, certificate,
				key.map((parsed) -> PrivateKeys.matching(parsed, certificate, type)), List.copyOf(warnings));
	}

	private void checkValidity(X509Certificate certificate, List<String> warnings) {
		Instant now = this.clock.instant();
		Instant notAfter = certificate.getNotAfter().toInstant();
		switch (Certificates.validity(certificate, now)) {
			case EXPIRED -> throw new PkiException("The certificate " + Certificates.outsideValidity(certificate, now)
					+ ": ThingsBoard ends the DTLS handshake with BAD_CERTIFICATE. Issue a new one.");
			case NOT_YET_VALID ->
				throw new PkiException("The certificate " + Certificates.outsideValidity(certificate, now)
						+ " (a clock set ahead where it was made?): ThingsBoard would refuse it until then.");
			case VALID -> {
			}
		}
		Duration left = Duration.between(now, notAfter);
		if (left.compareTo(EXPIRY_WARNING) < 0) {
			warnings.add("The certificate expires in %d days, on %s: plan its renewal.".formatted(left.toDays(),
					Dates.moment(notAfter)));
		}
	}

	private static void checkUsage(X509Certificate certificate, List<String> warnings) {
		if (!Certificates.isSignedWithSha256(certificate)) {
			warnings.add(("The certificate is signed with %s. ThingsBoard's DTLS server, with its default settings, "
					+ "accepts client certificates signed with SHA256withECDSA or SHA256withRSA only: a device would "
					+ "connect without its certificate and get 4.01. Re-issue it with SHA-256 (openssl's default).")
				.formatted(certificate.getSigAlgName()));
		}
		boolean[] keyUsage = certificate.getKeyUsage();
		if (keyUsage != null && !keyUsage[0]) {
			warnings.add("KeyUsage lacks digitalSignature: DTLS servers built on Scandium, ThingsBoard's among "
					+ "them, refuse such a client certificate.");
		}
		try {
			List<String> eku = certificate.getExtendedKeyUsage();
			if (eku != null && !eku.contains("1.3.6.1.5.5.7.3.2") && !eku.contains("2.5.29.37.0")) {
				warnings.add("ExtendedKeyUsage lacks clientAuth: a DTLS server may refuse it as a client certificate.");
			}
		}
		catch (CertificateException ex) {
			warnings.add("The ExtendedKeyUsage extension cannot be read: " + ex.getMessage());
		}
	}

	static X509Certificate parseCertificate(byte[] der, String what) {
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			X509Certificate certificate = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
			if (!Arrays.equals(certificate.getEncoded(), der)) {
				throw new PkiException(what + " holds bytes beyond the end of the certificate: the data is damaged");
			}
			return certificate;
		}
		catch (CertificateException | ClassCastException ex) {
			throw new PkiException(
					what + " is not a valid X.509 certificate: the data is damaged or of " + "another kind");
		}
	}

	private static X509Certificate parseBareBase64(String text) {
		String compact = text.replaceAll("\\s+", "");
		if (!compact.matches("[A-Za-z0-9+/]+={0,2}")) {
			throw new PkiException("No certificate found: expected a '-----BEGIN CERTIFICATE-----' block");
		}
		byte[] der;
		try {
			der = Base64.getDecoder().decode(compact);
		}
		catch (IllegalArgumentException ex) {
			der = new byte[0];
		}
		if (der.length == 0 || der[0] != 0x30) {
			throw new PkiException("No certificate found: expected a '-----BEGIN CERTIFICATE-----' block");
		}
		return parseCertificate(der, "The Base64 text");
	}

	private static String noCertificateMessage(List<PemBlock> blocks) {
		String labels = blocks.stream().map(PemBlock::label).distinct().collect(Collectors.joining(", "));
		if (blocks.stream().anyMatch((b) -> b.label().contains("REQUEST"))) {
			return "This is a certificate signing request (CSR), not a certificate. Have it signed, or let "
					+ "Keysmith generate the device's certificate.";
		}
		if (blocks.stream().anyMatch(PrivateKeys::isKeyBlock)) {
			return "No certificate found, only a private key. Put the certificate in the certificate field and "
					+ "the key in the key field.";
		}
		return "No certificate found: the text holds " + labels + " instead of a CERTIFICATE block";
	}

	private static boolean looksLikeText(byte[] data) {
		String head = new String(data, 0, Math.min(data.length, 4096), StandardCharsets.US_ASCII);
		return head.contains("-----BEGIN") || !(data[0] == 0x30);
	}

	private static String describe(X509Certificate certificate) {
		var key = certificate.getPublicKey();
		return key.getAlgorithm() + ((key instanceof java.security.interfaces.RSAKey rsa)
				? " " + rsa.getModulus().bitLength() + " bits" : "");
	}

}

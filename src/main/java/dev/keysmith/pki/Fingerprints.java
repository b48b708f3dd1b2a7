package dev.keysmith.pki;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Certificate fingerprints, including the one ThingsBoard uses to find a device's X.509
 * credentials:
 * {@code credentialsId = hex(SHA3-256(ASCII of the one-line Base64 of the DER))}.
 */
public final class Fingerprints {

	private Fingerprints() {
	}

	/**
	 * SHA-256 over the DER, as {@code openssl x509 -noout -fingerprint -sha256} prints
	 * it.
	 */
	public static String sha256(X509Certificate certificate) {
		return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest("SHA-256", PemCodec.der(certificate)));
	}

	/**
	 * A SHA-256 fingerprint as an operator may type or paste it (colons or spaces or
	 * none, any case) in the form {@link #sha256} writes; {@code null} when it is not 64
	 * hex digits.
	 */
	public static String normaliseSha256(String fingerprint) {
		if (fingerprint == null) {
			return null;
		}
		String hex = fingerprint.replaceAll("[:\\s]", "").toUpperCase(Locale.ROOT);
		if (!hex.matches("[0-9A-F]{64}")) {
			return null;
		}
		return String.join(":", hex.split("(?<=\\G..)"));
	}

	/**
	 * The value ThingsBoard stores as {@code credentialsValue} for an X.509 device: the
	 * PEM without its BEGIN/END lines and line breaks, that is, the Base64 of the DER on
	 * one line.
	 */
	public static String thingsBoardCredentialsValue(X509Certificate certificate) {
		return Base64.getEncoder().encodeToString(PemCodec.der(certificate));
	}

	/** ThingsBoard's {@code credentialsId} for this certificate. */
	public static String thingsBoardCredentialsId(X509Certificate certificate) {
		return thingsBoardCredentialsId(thingsBoardCredentialsValue(certificate));
	}

	/**
	 * ThingsBoard's {@code credentialsId} for a stored {@code credentialsValue}, quirks
	 * included.
	 */
	public static String thingsBoardCredentialsId(String credentialsValue) {
		return HexFormat.of().formatHex(digest("SHA3-256", credentialsValue.getBytes(StandardCharsets.US_ASCII)));
	}

	private static byte[] digest(String algorithm, byte[] input) {
		try {
			return MessageDigest.getInstance(algorithm).digest(input);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(algorithm + " is missing from this JDK", ex);
		}
	}

}

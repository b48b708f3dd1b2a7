package dev.keysmith.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form of an API token, {@code ks_<id>_<secret>}: the id (the row's UUID, 32 hex
 * digits, not secret) finds the stored token at once, and the secret is 256 random bits
 * in URL-safe base64. Only the SHA-256 of the whole token is stored: the secret is too
 * long to guess, so a fast hash is right (a slow one such as bcrypt would cost every API
 * request tens of milliseconds), and hashes are compared in constant time.
 */
final class TokenSecrets {

	static final String PREFIX = "ks_";

	private static final int SECRET_BYTES = 32;

	private static final Pattern FORM = Pattern.compile("ks_([0-9a-f]{32})_([A-Za-z0-9_-]{43})");

	private final SecureRandom random;

	TokenSecrets(SecureRandom random) {
		this.random = random;
	}

	/** A new token for the row {@code id}. */
	String newToken(UUID id) {
		byte[] secret = new byte[SECRET_BYTES];
		this.random.nextBytes(secret);
		return PREFIX + hex(id) + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	/** The id a token names, or empty when the text is not a Keysmith API token. */
	static Optional<UUID> idOf(String token) {
		Matcher matcher = FORM.matcher(token);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		String hex = matcher.group(1);
		return Optional.of(new UUID(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16)));
	}

	/** What is stored of a token: its SHA-256, in hex. */
	static String hash(String token) {
		return HexFormat.of().formatHex(sha256(token));
	}

	/** Whether the token is the one whose hash is stored, in constant time. */
	static boolean matches(String token, String storedHash) {
		return MessageDigest.isEqual(sha256(token), HexFormat.of().parseHex(storedHash));
	}

	private static String hex(UUID id) {
		return id.toString().replace("-", "");
	}

	private static byte[] sha256(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}

package dev.keysmith.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords of RFC 6238 as authenticator apps make them: HMAC-SHA1
 * over the number of 30-second steps since the epoch, truncated as RFC 4226 says, six
 * digits. A code is accepted for its own step and one step either side, for clocks that
 * are a little off.
 */
final class Totp {

	static final int DIGITS = 6;

	static final long STEP_SECONDS = 30;

	private static final int[] POWERS = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000 };

	private Totp() {
	}

	/** The step an instant falls in. */
	static long step(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
	}

	/** The code of one step, {@code digits} long (leading zeros kept). */
	static String code(byte[] key, long step, int digits) {
		byte[] counter = new byte[8];
		for (int i = 7; i >= 0; i--) {
			counter[i] = (byte) (step >>> (8 * (7 - i)));
		}
		byte[] hash;
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key, "HmacSHA1"));
			hash = mac.doFinal(counter);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA1 is unavailable", ex);
		}
		int offset = hash[hash.length - 1] & 0x0f;
		int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
				| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
		String code = Integer.toString(binary % POWERS[digits]);
		return "0".repeat(digits - code.length()) + code;
	}

	/**
	 * The step, within one of {@code now}'s, whose code {@code code} is; empty when it is
	 * none of them (or not six digits).
	 */
	static OptionalLong matchingStep(byte[] key, String code, Instant now) {
		if (code == null || !code.matches("[0-9]{" + DIGITS + "}")) {
			return OptionalLong.empty();
		}
		long current = step(now);
		boolean found = false;
		long matched = 0;
		for (long step = current - 1; step <= current + 1; step++) {
			// every step is computed and compared in full, found or not
			if (MessageDigest.isEqual(code(key, step, DIGITS).getBytes(StandardCharsets.US_ASCII),
					code.getBytes(StandardCharsets.US_ASCII)) && !found) {
				found = true;
				matched = step;
			}
		}
		return found ? OptionalLong.of(matched) : OptionalLong.empty();
	}

}

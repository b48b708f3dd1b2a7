package dev.keysmith.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an account's password must be: at least {@value #MIN_LENGTH} characters, at most
 * {@value #MAX_BYTES} bytes (bcrypt reads no further), not built on the account's name,
 * and not one of the passwords every guesser tries first: the list in
 * {@code account/common-passwords.txt}, compared whole and with its digits and
 * punctuation taken away, after reading {@code @}, {@code 0}, {@code 3}… as the letters
 * they stand for (so {@code P@ssw0rd-2024!} is {@code password}), and not a listed word
 * repeated or a handful of characters over and over.
 */
final class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	static final int MAX_BYTES = 72;

	private static final Set<String> COMMON = load();

	private PasswordPolicy() {
	}

	/** What is wrong with a password for this account, in words, or empty. */
	static Optional<String> problem(String username, String password) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
			return Optional.of("must be at least " + MIN_LENGTH + " characters long");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return Optional.of("must be at most " + MAX_BYTES + " bytes long (bcrypt reads no further)");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
			return Optional.of("must not contain the account's name");
		}
		if (lower.codePoints().distinct().count() < 5) {
			return Optional.of("uses too few different characters");
		}
		String core = lower.replaceAll("[^\\p{L}]", "");
		// the digits and signs around the word are decoration, those inside it stand for
		// letters
		String unleeted = unleet(lower.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "")).replaceAll("[^\\p{L}]", "");
		if (COMMON.contains(lower) || COMMON.contains(core) || COMMON.contains(unleeted) || repeatsACommonWord(core)) {
			return Optional.of("is one of the most common passwords; choose another");
		}
		return Optional.empty();
	}

	/** The letters that digits and signs stand for in {@code p@ssw0rd}. */
	private static String unleet(String password) {
		StringBuilder letters = new StringBuilder(password.length());
		for (char c : password.toCharArray()) {
			letters.append(switch (c) {
				case '@', '4' -> 'a';
				case '0' -> 'o';
				case '1', '!' -> 'i';
				case '3' -> 'e';
				case '$', '5' -> 's';
				case '7' -> 't';
				default -> c;
			});
		}
		return letters.toString();
	}

	private static boolean repeatsACommonWord(String core) {
		for (int length = 1; length <= core.length() / 2; length++) {
			if (core.length() % length == 0 && core.substring(0, length).repeat(core.length() / length).equals(core)
					&& COMMON.contains(core.substring(0, length))) {
				return true;
			}
		}
		return false;
	}

	private static Set<String> load() {
		Set<String> words = new HashSet<>();
		try (InputStream in = PasswordPolicy.class.getResourceAsStream("/account/common-passwords.txt")) {
			if (in == null) {
				throw new IllegalStateException("account/common-passwords.txt is missing from the application");
			}
			BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				String word = line.strip().toLowerCase(Locale.ROOT);
				if (!word.isEmpty() && !word.startsWith("#")) {
					words.add(word);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Set.copyOf(words);
	}

}

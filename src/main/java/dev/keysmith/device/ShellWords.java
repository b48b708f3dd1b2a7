package dev.keysmith.device;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Words of a command Keysmith prints for pasting into a POSIX shell (sh, bash, zsh): a
 * word of only safe characters stays bare, any other is single-quoted, with {@code '}
 * written as {@code '\''}. Whatever a stored value holds, the shell passes it as one
 * argument and runs nothing of it.
 */
final class ShellWords {

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

	private ShellWords() {
	}

	static String quote(String word) {
		if (SAFE.matcher(word).matches()) {
			return word;
		}
		return "'" + word.replace("'", "'\\''") + "'";
	}

	static String join(String... words) {
		return Arrays.stream(words).map(ShellWords::quote).collect(Collectors.joining(" "));
	}

}

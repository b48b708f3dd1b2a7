package dev.keysmith.common;

/**
 * The rule for the names operators give things (devices, servers): 1 to a limit of
 * characters once outer spaces are stripped, no control characters or line separators, no
 * lone surrogates (text damaged on its way).
 */
public final class Names {

	private Names() {
	}

	/**
	 * What is wrong with a name, or {@code null} when nothing is.
	 * @param what how the message names it, e.g. "A device name"
	 */
	public static String problem(String what, String name, int maxLength) {
		if (name == null || name.isBlank()) {
			return what + " is required";
		}
		String trimmed = name.strip();
		if (trimmed.length() > maxLength) {
			return "%s has at most %d characters; this one has %d".formatted(what, maxLength, trimmed.length());
		}
		for (int i = 0; i < trimmed.length(); i++) {
			char c = trimmed.charAt(i);
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
				return "%s cannot contain control characters (found U+%04X at position %d)".formatted(what, (int) c,
						i + 1);
			}
			boolean pair = Character.isHighSurrogate(c) && i + 1 < trimmed.length()
					&& Character.isLowSurrogate(trimmed.charAt(i + 1));
			if (pair) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return ("%s cannot contain a lone surrogate (found U+%04X at position %d): the text was damaged on "
						+ "its way")
					.formatted(what, (int) c, i + 1);
			}
		}
		return null;
	}

}

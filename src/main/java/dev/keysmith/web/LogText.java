package dev.keysmith.web;

/** Values a client chose, made safe for one log line. */
final class LogText {

	private static final int MAX_LENGTH = 64;

	private LogText() {
	}

	/**
	 * No control or line-breaking characters (each becomes '?'), and at most 64
	 * characters.
	 */
	static String printable(String value) {
		if (value == null) {
			return "(none)";
		}
		StringBuilder printable = new StringBuilder();
		value.codePoints().limit(MAX_LENGTH).forEach((c) -> {
			boolean lineBreaking = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
			printable.appendCodePoint(lineBreaking ? '?' : c);
		});
		return (value.codePointCount(0, value.length()) > MAX_LENGTH) ? printable + "…" : printable.toString();
	}

}

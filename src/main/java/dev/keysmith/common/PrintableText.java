package dev.keysmith.common;

/**
 * Values written into generated text (README.txt, messages that quote what was given):
 * each stays on its line. Control characters, Unicode line and paragraph separators and
 * the bidirectional controls that reorder what a reader sees are written as visible
 * escapes (a backslash and n, r or t; a backslash, u and the hex code, e.g. for U+202E).
 */
public final class PrintableText {

	private PrintableText() {
	}

	public static String oneLine(String value) {
		if (value == null) {
			return null;
		}
		StringBuilder text = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\n' -> text.append("\\n");
				case '\r' -> text.append("\\r");
				case '\t' -> text.append("\\t");
				default -> {
					if (mustEscape(c)) {
						text.append("\\u%04X".formatted((int) c));
					}
					else {
						text.append(c);
					}
				}
			}
		}
		return text.toString();
	}

	private static boolean mustEscape(char c) {
		return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E')
				|| (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F' || c == '\u061C';
	}

}

package dev.keysmith.device;

import java.nio.charset.StandardCharsets;

import dev.keysmith.common.PrintableText;

/**
 * Stored values written into generated C source (the bundle's firmware header), which
 * stays printable ASCII whatever the values hold. A string literal holds exactly the
 * value's UTF-8 bytes; a comment shows the value on one line and can neither end the
 * comment nor open a nested one. Neither can form a trigraph ({@code ??/} is a backslash
 * to a C99 compiler).
 */
final class CLiterals {

	private CLiterals() {
	}

	/** The value as a C (and C++) string literal, quotes included. */
	static String string(String value) {
		StringBuilder literal = new StringBuilder("\"");
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			switch (c) {
				case '"' -> literal.append("\\\"");
				case '\\' -> literal.append("\\\\");
				case '?' -> literal.append("\\?");
				case '\n' -> literal.append("\\n");
				case '\r' -> literal.append("\\r");
				case '\t' -> literal.append("\\t");
				default -> {
					if (c >= 0x20 && c <= 0x7E) {
						literal.append((char) c);
					}
					else {
						// three octal digits always end the escape: a digit after it
						// stays
						// a digit (a hex escape would swallow it)
						literal.append("\\%03o".formatted(c));
					}
				}
			}
		}
		return literal.append('"').toString();
	}

	/**
	 * The value for the inside of a C comment, meant to stand between quotes: line
	 * breaks, controls and everything beyond ASCII as visible escapes (a backslash and n,
	 * or u and the hex code), a backslash between the characters of {@code * /},
	 * {@code / *} and {@code ??}.
	 */
	static String comment(String value) {
		String line = PrintableText.oneLine(value);
		StringBuilder text = new StringBuilder(line.length());
		char previous = 0;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if ((c == '/' && previous == '*') || (c == '*' && previous == '/') || (c == '?' && previous == '?')) {
				text.append('\\');
			}
			if (c > 0x7E) {
				text.append("\\u%04X".formatted((int) c));
			}
			else {
				text.append(c);
			}
			previous = c;
		}
		return text.toString();
	}

}

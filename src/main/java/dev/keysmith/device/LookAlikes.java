package dev.keysmith.device;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * The key under which device names that people (and ThingsBoard's search) would take for
 * the same collide: NFKC, case folded, invisible characters removed, and the Cyrillic and
 * Greek letters that look Latin written as those. "boiler", "BOILER", "boiler" with a
 * Cyrillic o (U+043E) and "boiler" with a zero-width space (U+200B) inside share the key
 * "boiler".
 */
final class LookAlikes {

	private static final Map<Integer, Character> LATIN = confusables();

	private LookAlikes() {
	}

	static String key(String name) {
		String folded = latin(Normalizer.normalize(name, Normalizer.Form.NFKC)).toUpperCase(Locale.ROOT)
			.toLowerCase(Locale.ROOT);
		String key = latin(folded);
		return (key.length() > Device.NAME_KEY_LENGTH) ? key.substring(0, Device.NAME_KEY_LENGTH) : key;
	}

	/**
	 * The name with its invisible characters written as escapes (U+200B as
	 * backslash-u-200B), for messages.
	 */
	static String visible(String name) {
		StringBuilder out = new StringBuilder(name.length());
		name.codePoints().forEach((c) -> {
			if (invisible(c)) {
				out.append("\\u%04X".formatted(c));
			}
			else {
				out.appendCodePoint(c);
			}
		});
		return out.toString();
	}

	/**
	 * Without invisible characters, and with look-alike letters replaced by the Latin
	 * ones.
	 */
	private static String latin(String text) {
		StringBuilder out = new StringBuilder(text.length());
		text.codePoints().filter((c) -> !invisible(c)).forEach((c) -> {
			Character latin = LATIN.get(c);
			if (latin != null) {
				out.append(latin.charValue());
			}
			else {
				out.appendCodePoint(c);
			}
		});
		return out.toString();
	}

	/**
	 * Unicode's default-ignorable code points: format characters, variation selectors,
	 * fillers.
	 */
	private static boolean invisible(int c) {
		return Character.getType(c) == Character.FORMAT || c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x3164
				|| c == 0xFFA0 || c == 0x17B4 || c == 0x17B5 || (c >= 0x180B && c <= 0x180F)
				|| (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
	}

	private static Map<Integer, Character> confusables() {
		// each pair: the look-alike, then the Latin letter it passes for
		String[] pairs = {
				// Cyrillic, lower and upper case
				"\u0430a", "\u0441c", "\u0501d", "\u0435e", "\u04BBh", "\u0456i", "\u0458j", "\u04CFl", "\u043Eo",
				"\u0440p", "\u051Bq", "\u0455s", "\u051Dw", "\u0445x", "\u0443y", "\u0432b", "\u0433r", "\u043Ak",
				"\u043Cm", "\u043Dh", "\u0442t", "\u0410A", "\u0412B", "\u0421C", "\u0415E", "\u041DH", "\u0406I",
				"\u0408J", "\u041AK", "\u041CM", "\u041EO", "\u0420P", "\u051AQ", "\u0405S", "\u0422T", "\u051CW",
				"\u0425X", "\u0423Y", "\u04C0I",
				// Greek, lower and upper case
				"\u03B1a", "\u03B2b", "\u03B3y", "\u03B9i", "\u03BAk", "\u03BDv", "\u03BFo", "\u03C1p", "\u03C5u",
				"\u03C7x", "\u03C9w", "\u0391A", "\u0392B", "\u0395E", "\u0396Z", "\u0397H", "\u0399I", "\u039AK",
				"\u039CM", "\u039DN", "\u039FO", "\u03A1P", "\u03A4T", "\u03A5Y", "\u03A7X",
				// Latin letters that pass for others
				"\u0131i", "\u0237j" };
		Map<Integer, Character> map = new java.util.HashMap<>();
		for (String pair : pairs) {
			map.put((int) pair.charAt(0), pair.charAt(1));
		}
		return Map.copyOf(map);
	}

}

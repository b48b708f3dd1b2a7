package dev.keysmith.pki;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of a refused paste may go back to the browser: the certificate text, never a
 * private key. Every PRIVATE KEY block (and the EC PARAMETERS that go with one) is
 * removed, also one cut off at either end: from its BEGIN line to the next block or the
 * end of the text, or from the end of the previous block (or the start of the text) to
 * its END line. Bare Base64 that is a private key (PKCS#8, SEC1, PKCS#1) goes back as
 * nothing.
 */
public final class PastedText {

	private static final Pattern MARKER = Pattern.compile("-----(BEGIN|END) ([A-Z0-9 ]+)-----");

	private PastedText() {
	}

	public static String withoutPrivateKeys(String text) {
		if (text == null || text.isBlank()) {
			return text;
		}
		StringBuilder kept = new StringBuilder();
		Matcher marker = MARKER.matcher(text);
		int keepFrom = 0;
		int afterLastMarker = 0;
		boolean inKey = false;
		boolean anyMarker = false;
		while (marker.find()) {
			anyMarker = true;
			boolean key = marker.group(2).endsWith("PRIVATE KEY") || marker.group(2).equals("EC PARAMETERS");
			boolean begin = marker.group(1).equals("BEGIN");
			if (key && begin && !inKey) {
				kept.append(text, keepFrom, marker.start());
				inKey = true;
			}
			else if (!key && begin && inKey) {
				// the key was cut off before its END line; what follows is another block
				inKey = false;
				keepFrom = marker.start();
			}
			else if (key && !begin) {
				if (!inKey) {
					// its BEGIN line is missing: drop what came since the last block
					// ended
					kept.append(text, keepFrom, Math.min(endOfLine(text, afterLastMarker), marker.start()));
				}
				inKey = false;
				keepFrom = endOfLine(text, marker.end());
			}
			afterLastMarker = marker.end();
		}
		if (!inKey) {
			kept.append(text, keepFrom, text.length());
		}
		if (!anyMarker && isBareKey(text)) {
			return "";
		}
		return kept.toString();
	}

	/** Past the spaces and the one line end that follow a removed block. */
	private static int endOfLine(String text, int from) {
		int at = from;
		while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
			at++;
		}
		if (text.startsWith("\r\n", at)) {
			return at + 2;
		}
		return (at < text.length() && (text.charAt(at) == '\n' || text.charAt(at) == '\r')) ? at + 1 : at;
	}

	/**
	 * Base64 of DER that opens like a private key: a SEQUENCE whose first element is the
	 * version INTEGER, as PKCS#8, SEC1 and PKCS#1 all do (a certificate opens with a
	 * SEQUENCE).
	 */
	private static boolean isBareKey(String text) {
		String compact = text.replaceAll("\\s+", "");
		if (!compact.matches("[A-Za-z0-9+/]+={0,2}")) {
			return false;
		}
		byte[] der;
		try {
			// a cut-off paste decodes as far as whole groups of four go
			der = Base64.getDecoder().decode(compact.substring(0, compact.length() / 4 * 4));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (der.length < 4 || der[0] != 0x30) {
			return false;
		}
		int length = der[1] & 0xFF;
		int contentStart = (length < 0x80) ? 2 : 2 + (length & 0x7F);
		return contentStart < der.length && der[contentStart] == 0x02;
	}

}

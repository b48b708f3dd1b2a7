package dev.keysmith.common;

import java.util.Optional;

/**
 * Why a private key leaves Keysmith, in the operator's words: every export states one,
 * and it goes into the audit record. The JSON API takes it in the header
 * {@value #HEADER}, a page's form in the field {@value #FIELD}.
 */
public final class KeyExportReason {

	public static final String HEADER = "X-Keysmith-Reason";

	public static final String FIELD = "reason";

	public static final int MAX_LENGTH = 500;

	private KeyExportReason() {
	}

	/**
	 * The reason as recorded: on one line, without surrounding blanks, at most
	 * {@value #MAX_LENGTH} characters; empty when none was given.
	 */
	public static Optional<String> of(String given) {
		if (given == null || given.isBlank()) {
			return Optional.empty();
		}
		String reason = PrintableText.oneLine(given.strip());
		return Optional.of((reason.length() > MAX_LENGTH) ? reason.substring(0, MAX_LENGTH - 1) + "…" : reason);
	}

}

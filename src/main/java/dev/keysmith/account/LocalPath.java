package dev.keysmith.account;

import java.util.regex.Pattern;

/**
 * Where to go back to after a confirmation: only a path of this application, never
 * another site ({@code //evil.example}, {@code https://…}, a backslash that some browsers
 * read as a slash).
 */
final class LocalPath {

	private static final Pattern SAFE = Pattern.compile("/(?![/\\\\])[A-Za-z0-9._~/#?=&%-]{0,512}");

	private LocalPath() {
	}

	static String orRoot(String path) {
		return (path != null && SAFE.matcher(path).matches()) ? path : "/";
	}

}

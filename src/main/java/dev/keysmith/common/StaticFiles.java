package dev.keysmith.common;

/**
 * The files every page loads (stylesheets, scripts, the icon): open to anyone, and let
 * through by every check that keeps a session on one page (a password to change, a second
 * factor to enrol), so that page can still be drawn.
 */
public final class StaticFiles {

	/** The same paths as patterns, for Spring Security's request matchers. */
	public static final String[] PATTERNS = { "/webjars/**", "/css/**", "/js/**", "/favicon.svg" };

	private StaticFiles() {
	}

	/** Whether a path (without the context path) is one of the static files. */
	public static boolean contains(String path) {
		return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
				|| path.equals("/favicon.svg");
	}

}

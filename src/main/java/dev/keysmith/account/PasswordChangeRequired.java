package dev.keysmith.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * A browser session whose account signed in with a password someone else set (a generated
 * first password, an administrator's reset): until the owner chooses their own, the
 * session reaches only the account page. Kept in the session, which a sign-in makes new.
 */
public final class PasswordChangeRequired {

	static final String ATTRIBUTE = PasswordChangeRequired.class.getName();

	private PasswordChangeRequired() {
	}

	public static void mark(HttpServletRequest request) {
		request.getSession(true).setAttribute(ATTRIBUTE, Boolean.TRUE);
	}

	public static boolean pending(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session != null && Boolean.TRUE.equals(session.getAttribute(ATTRIBUTE));
	}

	static void done(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(ATTRIBUTE);
		}
	}

}

package dev.keysmith.account;

import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * When a browser session last proved who is behind it: a sign-in with the password, a
 * fresh single sign-on, or the password confirmed again. A private key leaves Keysmith
 * through a page only within a few minutes of that. The moment is kept in the session (a
 * new sign-in gets a new session, so it never outlives the proof).
 */
public final class StepUp {

	static final String ATTRIBUTE = StepUp.class.getName() + ".at";

	private StepUp() {
	}

	/** The session of this request proved its owner just now. */
	public static void proven(HttpServletRequest request, Instant now) {
		request.getSession(true).setAttribute(ATTRIBUTE, now);
	}

	/** Whether the session of this request proved its owner within {@code window}. */
	static boolean recent(HttpServletRequest request, Instant now, Duration window) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof Instant at)) {
			return false;
		}
		return !at.isAfter(now) && Duration.between(at, now).compareTo(window) <= 0;
	}

}

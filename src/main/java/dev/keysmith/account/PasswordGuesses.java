package dev.keysmith.account;

import java.time.Duration;
import java.util.Optional;

/**
 * Wrong passwords given for an account from one client address, counted wherever a
 * password is checked: signing in, and inside a session, confirming it before a key
 * export or giving it to change it. A hijacked session must not become a way round the
 * sign-in throttle. The sign-in throttle of the web layer keeps the count. A right
 * password inside a session clears nothing: only a whole sign-in does (a password alone
 * must not clear the wrong second-factor codes counted with it).
 */
public interface PasswordGuesses {

	/**
	 * How much longer passwords for this account from this address are refused; empty:
	 * not refused.
	 */
	Optional<Duration> refusedFor(String username, String address);

	/** A wrong password: how long the pair is refused now (zero: not refused). */
	Duration wrong(String username, String address);

}

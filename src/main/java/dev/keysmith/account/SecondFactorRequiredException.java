package dev.keysmith.account;

import org.springframework.security.core.AuthenticationException;

/**
 * The password was right, and the account signs in with a TOTP code too: the sign-in is
 * not done. The login form goes on to the code page; HTTP Basic, which has no room for a
 * code, is refused (scripts use an API token).
 */
public class SecondFactorRequiredException extends AuthenticationException {

	private final String username;

	SecondFactorRequiredException(String username) {
		super("This account signs in with a second factor (a TOTP code) after its password");
		this.username = username;
	}

	public String getUsername() {
		return this.username;
	}

}

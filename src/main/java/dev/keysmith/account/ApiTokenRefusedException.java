package dev.keysmith.account;

import org.springframework.security.core.AuthenticationException;

/**
 * An API token that does not sign in: unknown, expired, revoked, or its account disabled.
 * The message says which, for the client (never the token).
 */
public class ApiTokenRefusedException extends AuthenticationException {

	ApiTokenRefusedException(String message) {
		super(message);
	}

}

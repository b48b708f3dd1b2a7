package dev.keysmith.web;

import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused, whatever the password, because this account failed too often from
 * this address.
 */
class LoginThrottledException extends AuthenticationException {

	private final long retryAfterSeconds;

	LoginThrottledException(long retryAfterSeconds) {
		super("Too many failed sign-ins for this account from your address: try again in %d s"
			.formatted(retryAfterSeconds));
		this.retryAfterSeconds = retryAfterSeconds;
	}

	long getRetryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}

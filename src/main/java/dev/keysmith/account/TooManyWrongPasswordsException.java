package dev.keysmith.account;

import java.time.Duration;

/**
 * Too many wrong passwords for the account from this address: no password is checked
 * until {@link #getRetryAfter()} has passed (the API answers 429 with
 * {@code Retry-After}).
 */
public class TooManyWrongPasswordsException extends RuntimeException {

	private final Duration retryAfter;

	TooManyWrongPasswordsException(Duration retryAfter) {
		super("Too many wrong passwords for this account from your address: try again in "
				+ Math.max(1, retryAfter.toSeconds()) + " s");
		this.retryAfter = retryAfter;
	}

	public Duration getRetryAfter() {
		return this.retryAfter;
	}

}

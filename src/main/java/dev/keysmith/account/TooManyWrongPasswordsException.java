package dev.keysmith.account;

import java.time.Duration;

/**
 * Too many wrong passwords (or second-factor codes) for the account from this address:
 * none is checked until {@link #getRetryAfter()} has passed (the API answers 429 with
 * {@code Retry-After}).
 */
public class TooManyWrongPasswordsException extends RuntimeException {

	private final Duration retryAfter;

	TooManyWrongPasswordsException(Duration retryAfter) {
		super("Too many wrong passwords or codes for this account from your address: try again in "
				+ seconds(retryAfter) + " s");
		this.retryAfter = retryAfter;
	}

	public Duration getRetryAfter() {
		return this.retryAfter;
	}

	/** The wait in whole seconds, rounded up: a client that waits this long is let in. */
	public long getRetryAfterSeconds() {
		return seconds(this.retryAfter);
	}

	private static long seconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

}

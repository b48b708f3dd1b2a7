package dev.keysmith.work;

import java.time.Duration;

/**
 * Keysmith has as much work queued as it takes: nothing was started, and the caller may
 * try again after {@link #getRetryAfter()} (503 with {@code Retry-After} in the API).
 */
public class BusyException extends RuntimeException {

	private final Duration retryAfter;

	public BusyException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	public Duration getRetryAfter() {
		return this.retryAfter;
	}

}

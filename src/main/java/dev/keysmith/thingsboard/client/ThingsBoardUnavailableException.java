package dev.keysmith.thingsboard.client;

import java.time.Duration;

/**
 * Keysmith did not call ThingsBoard at all: it is busy with as many calls to that server
 * as it makes at once, or the server has not answered recently and its circuit is open.
 * The call can be tried again after {@link #getRetryAfter()}.
 */
public class ThingsBoardUnavailableException extends ThingsBoardException {

	private final Duration retryAfter;

	ThingsBoardUnavailableException(String message, Duration retryAfter) {
		super(message, null);
		this.retryAfter = retryAfter;
	}

	/** When trying again makes sense, at the earliest. */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

	@Override
	public Kind kind() {
		return Kind.NOT_CALLED;
	}

}

package dev.keysmith.thingsboard.client;

import java.time.Duration;
import java.util.function.Function;

import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * How calls to one ThingsBoard server are made and repeated, all within the operation's
 * {@link Deadline}: each request is bounded by the read timeout and by what is left of
 * the deadline; it takes a slot of the server's {@link ConcurrencyLimit} and passes its
 * {@link CircuitBreaker}. Reads (and a 429, which says the request was not carried out)
 * are repeated with exponential backoff while the deadline allows; a write or a sign-in
 * that got no answer never is. Unanswered calls become {@link ThingsBoardException}s that
 * say so.
 */
final class Retrying {

	/** Below this, a request is not started: it could not get an answer anyway. */
	private static final Duration SHORTEST_REQUEST = Duration.ofMillis(50);

	private final ThingsBoardProperties properties;

	private final String serverName;

	private final ConcurrencyLimit limit;

	private final CircuitBreaker breaker;

	private final TimedRestClient rest;

	/**
	 * @param rest the server's RestClient, whose requests are given up after the time a
	 * call gives them
	 */
	Retrying(ThingsBoardProperties properties, String serverName, ConcurrencyLimit limit, CircuitBreaker breaker,
			TimedRestClient rest) {
		this.properties = properties;
		this.serverName = serverName;
		this.limit = limit;
		this.breaker = breaker;
		this.rest = rest;
	}

	<T> T call(Kind kind, Deadline deadline, Function<RestClient, T> call) {
		ThingsBoardException last = null;
		for (int attempt = 0;; attempt++) {
			Duration timeout = deadline.bound(this.properties.readTimeout());
			if (timeout.compareTo(SHORTEST_REQUEST) < 0) {
				throw outOfTime(deadline);
			}
			try {
				return attempt(deadline, timeout, call);
			}
			catch (ResourceAccessException ex) {
				last = unanswered(ex, kind, deadline);
				if (!kind.repeatable || !pause(deadline, attempt)) {
					throw last;
				}
			}
			catch (ThingsBoardUnavailableException ex) {
				// when this call's own failures opened the circuit, they say best what
				// happened
				throw (last != null) ? last : ex;
			}
			catch (ThingsBoardException ex) {
				last = ex;
				boolean again = ex.isRateLimited() || (kind.repeatable && ex.isTransient());
				if (!again || !pause(deadline, attempt)) {
					throw ex;
				}
			}
		}
	}

	/** What a caller is told when the deadline passed before ThingsBoard answered. */
	ThingsBoardException outOfTime(Deadline deadline) {
		return new ThingsBoardException(
				"ThingsBoard (" + this.serverName + ") did not answer within " + Deadline.describe(deadline.budget()),
				null);
	}

	private <T> T attempt(Deadline deadline, Duration timeout, Function<RestClient, T> call) {
		this.limit.acquire(deadline);
		try {
			this.breaker.admit();
			boolean answered = true;
			try {
				return this.rest.call(deadline.bound(timeout), call);
			}
			catch (ResourceAccessException ex) {
				answered = false;
				throw ex;
			}
			finally {
				if (answered) {
					this.breaker.answered();
				}
				else {
					this.breaker.unanswered();
				}
			}
		}
		finally {
			this.limit.release();
		}
	}

	/**
	 * Waits before the next attempt, if there is one and the deadline leaves time for it.
	 */
	private boolean pause(Deadline deadline, int attempt) {
		if (attempt >= this.properties.maxRetries()) {
			return false;
		}
		Duration backoff = this.properties.retryBackoff().multipliedBy(1L << attempt);
		if (backoff.plus(SHORTEST_REQUEST).compareTo(deadline.remaining()) >= 0) {
			return false;
		}
		try {
			Thread.sleep(backoff.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ThingsBoardException("Interrupted while waiting to retry", ex);
		}
	}

	private ThingsBoardException unanswered(ResourceAccessException ex, Kind kind, Deadline deadline) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		boolean timedOut = cause instanceof java.net.http.HttpTimeoutException
				|| cause instanceof java.net.SocketTimeoutException;
		if (!timedOut) {
			return new ThingsBoardException(
					"ThingsBoard (" + this.serverName + ") cannot be reached (" + cause.getClass().getSimpleName()
							+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : "") + ")",
					ex);
		}
		// name the bound that ran out: the whole operation's, or the request's own
		Duration waited = (deadline.remaining().compareTo(SHORTEST_REQUEST) < 0) ? deadline.budget()
				: this.properties.readTimeout();
		String unsure = kind.changesState ? "; the change may or may not have been made" : "";
		return new ThingsBoardException(
				"ThingsBoard (" + this.serverName + ") did not answer within " + Deadline.describe(waited) + unsure,
				ex);
	}

	/**
	 * What a call does to ThingsBoard, which decides whether it may be repeated and what
	 * an unanswered one means.
	 */
	enum Kind {

		/** Reads: repeated while the deadline allows. */
		READ(true, false),

		/**
		 * A change that is the same made twice (a delete): repeated; unanswered, it may
		 * or may not have been made.
		 */
		REPEATABLE_WRITE(true, true),

		/**
		 * A change: never repeated blindly; unanswered, it may or may not have been made.
		 */
		WRITE(false, true),

		/**
		 * Signing in or refreshing the token: changes nothing, but is not repeated when
		 * unanswered.
		 */
		SIGN_IN(false, false);

		final boolean repeatable;

		final boolean changesState;

		Kind(boolean repeatable, boolean changesState) {
			this.repeatable = repeatable;
			this.changesState = changesState;
		}

	}

}

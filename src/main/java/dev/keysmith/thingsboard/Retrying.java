package dev.keysmith.thingsboard;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.web.client.ResourceAccessException;

/**
 * How calls to one ThingsBoard server are repeated: reads (and a 429, which says the request
 * was not carried out) with exponential backoff; a write that got no answer never, since it
 * may have been carried out. Unanswered calls become {@link ThingsBoardException}s that say so.
 */
final class Retrying {

	private final ThingsBoardProperties properties;

	private final String serverName;

	Retrying(ThingsBoardProperties properties, String serverName) {
		this.properties = properties;
		this.serverName = serverName;
	}

	<T> T call(boolean idempotent, Supplier<T> call) {
		for (int attempt = 0;; attempt++) {
			try {
				return call.get();
			}
			catch (ResourceAccessException ex) {
				ThingsBoardException unreachable = unreachable(ex, idempotent);
				if (!idempotent || attempt >= this.properties.maxRetries()) {
					throw unreachable;
				}
			}
			catch (ThingsBoardException ex) {
				boolean again = ex.isRateLimited() || (idempotent && ex.isTransient());
				if (!again || attempt >= this.properties.maxRetries()) {
					throw ex;
				}
			}
			pause(this.properties.retryBackoff().multipliedBy(1L << attempt));
		}
	}

	private ThingsBoardException unreachable(ResourceAccessException ex, boolean idempotent) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		boolean timeout = cause instanceof java.net.http.HttpTimeoutException
				|| cause instanceof java.net.SocketTimeoutException;
		String what = timeout ? "did not answer within " + seconds(this.properties.readTimeout())
				: "cannot be reached (" + cause.getClass().getSimpleName()
						+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : "") + ")";
		String unsure = (!idempotent && timeout) ? "; the change may or may not have been made" : "";
		return new ThingsBoardException("ThingsBoard (" + this.serverName + ") " + what + unsure, ex);
	}

	private static String seconds(Duration duration) {
		return duration.toSeconds() + " s";
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ThingsBoardException("Interrupted while waiting to retry", ex);
		}
	}

}

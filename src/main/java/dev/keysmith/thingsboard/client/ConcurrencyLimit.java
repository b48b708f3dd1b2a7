package dev.keysmith.thingsboard.client;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most so many calls to one ThingsBoard server at once. A caller waits briefly for a
 * slot, never beyond its deadline; without one it is told the server is busy, so that one
 * slow server cannot hold every request thread of Keysmith.
 */
final class ConcurrencyLimit {

	private final Semaphore slots;

	private final int size;

	private final Duration wait;

	private final String serverName;

	ConcurrencyLimit(int size, Duration wait, String serverName) {
		this.slots = new Semaphore(size, true);
		this.size = size;
		this.wait = wait;
		this.serverName = serverName;
	}

	/** Takes a slot, to be given back with {@link #release()}. */
	void acquire(Deadline deadline) {
		boolean acquired;
		try {
			acquired = this.slots.tryAcquire(deadline.bound(this.wait).toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ThingsBoardException("Interrupted while waiting to call ThingsBoard (" + this.serverName + ")",
					ex);
		}
		if (!acquired) {
			Duration retryAfter = (this.wait.compareTo(Duration.ofSeconds(1)) > 0) ? this.wait : Duration.ofSeconds(1);
			throw new ThingsBoardUnavailableException(
					"ThingsBoard (" + this.serverName + ") is busy: Keysmith is " + "already waiting for " + this.size
							+ " answers from it, the most it asks for at once. Try again " + "in a moment.",
					retryAfter);
		}
	}

	void release() {
		this.slots.release();
	}

}

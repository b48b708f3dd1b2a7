package dev.keysmith.thingsboard.client;

import java.time.Duration;

/**
 * The one deadline of an operation on ThingsBoard (a push, a check, a CA download): how
 * long it may take in all, and what is left of it. Every request, retry and wait of the
 * operation is bounded by what is left.
 */
final class Deadline {

	private final Duration budget;

	private final long endNanos;

	private Deadline(Duration budget, long endNanos) {
		this.budget = budget;
		this.endNanos = endNanos;
	}

	/** A deadline that starts now. */
	static Deadline after(Duration budget) {
		return new Deadline(budget, System.nanoTime() + budget.toNanos());
	}

	/** The whole time the operation was given, as the operator is told it. */
	Duration budget() {
		return this.budget;
	}

	/** What is left; zero once the deadline has passed. */
	Duration remaining() {
		long left = this.endNanos - System.nanoTime();
		return (left > 0) ? Duration.ofNanos(left) : Duration.ZERO;
	}

	/** The shorter of {@code timeout} and what is left. */
	Duration bound(Duration timeout) {
		Duration left = remaining();
		return (timeout.compareTo(left) < 0) ? timeout : left;
	}

	/** "30 s", or "1500 ms" when not in whole seconds: how messages name a duration. */
	static String describe(Duration duration) {
		if (duration.toMillis() % 1000 != 0) {
			return duration.toMillis() + " ms";
		}
		return duration.toSeconds() + " s";
	}

}

package dev.keysmith.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.keysmith.account.PasswordGuesses;
import dev.keysmith.web.SecurityProperties.LoginThrottleSettings;

/**
 * Failed sign-ins per account and client address, in memory. After {@code maxFailures}
 * within the window, that pair is refused for {@code backOff}; every further failure once
 * the refusal is over refuses it again for twice as long, up to {@code maxBackOff}. The
 * same account from another address is not affected, so the owner is never locked out by
 * someone else's guesses. A success, or a quiet window, forgets the pair. At most
 * {@code maxTracked} pairs are kept: when full, forgotten pairs go first, then the
 * longest-unused pair that is not refused.
 */
class LoginThrottle implements PasswordGuesses {

	/** Enough to tell real usernames apart; longer input is not a name anyone has. */
	private static final int KEY_LENGTH = 128;

	private final LoginThrottleSettings settings;

	private final Clock clock;

	// access order: the first entry is the one used longest ago
	private final Map<Pair, Attempts> pairs = new LinkedHashMap<>(64, 0.75f, true);

	LoginThrottle(LoginThrottleSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/** Whether this pair is refused now, and for how much longer. */
	synchronized Optional<Refusal> refusal(String username, String address) {
		Instant now = this.clock.instant();
		Pair pair = Pair.of(username, address);
		Attempts attempts = current(pair, now);
		if (attempts == null || !attempts.refusedAt(now)) {
			return Optional.empty();
		}
		boolean first = !attempts.refusalSeen;
		attempts.refusalSeen = true;
		return Optional.of(new Refusal(Duration.between(now, attempts.refusedUntil), first));
	}

	/**
	 * Counts a wrong password; answers how long the pair is now refused (zero: not
	 * refused).
	 */
	synchronized Duration failed(String username, String address) {
		Instant now = this.clock.instant();
		Pair pair = Pair.of(username, address);
		Attempts attempts = current(pair, now);
		if (attempts == null) {
			makeRoom(now);
			attempts = new Attempts();
			this.pairs.put(pair, attempts);
		}
		attempts.lastFailure = now;
		if (attempts.refusals == 0) {
			attempts.recent.addLast(now);
			while (attempts.recent.peekFirst().isBefore(now.minus(this.settings.window()))) {
				attempts.recent.removeFirst();
			}
			if (attempts.recent.size() < this.settings.maxFailures()) {
				return Duration.ZERO;
			}
			attempts.recent.clear();
		}
		attempts.refusals++;
		Duration backOff = backOff(attempts.refusals);
		attempts.refusedUntil = now.plus(backOff);
		attempts.refusalSeen = false;
		return backOff;
	}

	synchronized void succeeded(String username, String address) {
		this.pairs.remove(Pair.of(username, address));
	}

	/**
	 * {@link #refusal} without noting that the refusal was seen: the first refused
	 * sign-in is still the one logged at WARN.
	 */
	@Override
	public synchronized Optional<Duration> refusedFor(String username, String address) {
		Instant now = this.clock.instant();
		Attempts attempts = current(Pair.of(username, address), now);
		return (attempts != null && attempts.refusedAt(now)) ? Optional.of(Duration.between(now, attempts.refusedUntil))
				: Optional.empty();
	}

	@Override
	public Duration wrong(String username, String address) {
		return failed(username, address);
	}

	synchronized int tracked() {
		return this.pairs.size();
	}

	private Attempts current(Pair pair, Instant now) {
		Attempts attempts = this.pairs.get(pair);
		if (attempts != null && forgotten(attempts, now)) {
			this.pairs.remove(pair);
			return null;
		}
		return attempts;
	}

	private boolean forgotten(Attempts attempts, Instant now) {
		Instant last = (attempts.refusedUntil != null && attempts.refusedUntil.isAfter(attempts.lastFailure))
				? attempts.refusedUntil : attempts.lastFailure;
		return now.isAfter(last.plus(this.settings.window()));
	}

	private void makeRoom(Instant now) {
		if (this.pairs.size() < this.settings.maxTracked()) {
			return;
		}
		this.pairs.values().removeIf((attempts) -> forgotten(attempts, now));
		Iterator<Attempts> oldestFirst = this.pairs.values().iterator();
		while (this.pairs.size() >= this.settings.maxTracked() && oldestFirst.hasNext()) {
			if (!oldestFirst.next().refusedAt(now)) {
				oldestFirst.remove();
			}
		}
		if (this.pairs.size() >= this.settings.maxTracked()) {
			// every pair is refused right now: drop the one whose refusal ends first
			Map.Entry<Pair, Attempts> soonestFree = null;
			for (Map.Entry<Pair, Attempts> entry : this.pairs.entrySet()) {
				if (soonestFree == null
						|| entry.getValue().refusedUntil.isBefore(soonestFree.getValue().refusedUntil)) {
					soonestFree = entry;
				}
			}
			this.pairs.remove(soonestFree.getKey());
		}
	}

	private Duration backOff(int refusals) {
		Duration backOff = this.settings.backOff();
		for (int i = 1; i < refusals && backOff.compareTo(this.settings.maxBackOff()) < 0; i++) {
			backOff = backOff.multipliedBy(2);
		}
		return (backOff.compareTo(this.settings.maxBackOff()) > 0) ? this.settings.maxBackOff() : backOff;
	}

	/**
	 * @param retryAfter how long the pair stays refused
	 * @param first whether this is the first attempt refused since the refusal began
	 */
	record Refusal(Duration retryAfter, boolean first) {

		long retryAfterSeconds() {
			return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
		}

	}

	private record Pair(String username, String address) {

		static Pair of(String username, String address) {
			return new Pair(cut(username), cut(address));
		}

		private static String cut(String value) {
			String text = (value != null) ? value : "";
			return (text.length() > KEY_LENGTH) ? text.substring(0, KEY_LENGTH) : text;
		}

	}

	private static final class Attempts {

		/** Failures within the window, while the pair has not been refused yet. */
		private final Deque<Instant> recent = new ArrayDeque<>();

		private int refusals;

		private Instant refusedUntil;

		private Instant lastFailure;

		private boolean refusalSeen;

		boolean refusedAt(Instant now) {
			return this.refusedUntil != null && now.isBefore(this.refusedUntil);
		}

	}

}

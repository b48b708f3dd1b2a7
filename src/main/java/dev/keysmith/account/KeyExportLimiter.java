package dev.keysmith.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * How many private key exports each account has made in the last hour, in this instance:
 * at most {@code keysmith.security.key-exports.per-hour}. A refused export is not
 * counted.
 */
@Component
public class KeyExportLimiter {

	private static final Duration HOUR = Duration.ofHours(1);

	private final Map<String, Deque<Instant>> exports = new ConcurrentHashMap<>();

	private final int perHour;

	private final Clock clock;

	KeyExportLimiter(AccountProperties properties, Clock clock) {
		this.perHour = properties.keyExports().perHour();
		this.clock = clock;
	}

	/**
	 * Counts one export of this account, or says how long until it may make another.
	 * @return zero when counted, else the wait
	 */
	public Duration tryExport(String username) {
		Instant now = this.clock.instant();
		Deque<Instant> times = this.exports.computeIfAbsent(username, (name) -> new ArrayDeque<>());
		synchronized (times) {
			while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(HOUR))) {
				times.pollFirst();
			}
			if (times.size() >= this.perHour) {
				return Duration.between(now, times.peekFirst().plus(HOUR));
			}
			times.addLast(now);
			return Duration.ZERO;
		}
	}

	public int perHour() {
		return this.perHour;
	}

}

package dev.keysmith.device;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.common.NotFoundException;

/**
 * The to-be-signed parts Keysmith built and waits to see signed by the operator's
 * browser, in memory: each is taken once, by the account that asked for it, within
 * {@link #TIME_TO_LIVE}; at most {@link #PER_ACCOUNT} per account and {@link #CAPACITY}
 * in all wait, the oldest (of the account first) giving way, so that one account cannot
 * push out the others' requests. Memory rather than a token signed with a server secret:
 * a second use is refused outright, and there is no secret to share between instances or
 * rotate; what is lost on a restart is a few minutes of work that the browser starts
 * again.
 */
final class PendingBrowserKeys {

	static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);

	static final int CAPACITY = 1000;

	static final int PER_ACCOUNT = 20;

	private final Clock clock;

	private final int capacity;

	/** Oldest first; guarded by {@code this}. */
	private final Map<UUID, Pending> pending = new LinkedHashMap<>();

	PendingBrowserKeys(Clock clock) {
		this(clock, CAPACITY);
	}

	PendingBrowserKeys(Clock clock, int capacity) {
		this.clock = clock;
		this.capacity = capacity;
	}

	/** Keeps what was built for this account's request and names it. */
	synchronized Pending add(String actor, String name, int validityDays, PublicKey publicKey, byte[] tbs) {
		Instant now = this.clock.instant();
		dropExpired(now);
		List<UUID> own = this.pending.values()
			.stream()
			.filter((p) -> p.actor().equals(actor))
			.map(Pending::requestId)
			.toList();
		for (int i = 0; i <= own.size() - PER_ACCOUNT; i++) {
			this.pending.remove(own.get(i));
		}
		while (this.pending.size() >= this.capacity) {
			Iterator<UUID> oldest = this.pending.keySet().iterator();
			oldest.next();
			oldest.remove();
		}
		Pending entry = new Pending(UUID.randomUUID(), actor, name, validityDays, publicKey, tbs.clone(),
				now.plus(TIME_TO_LIVE));
		this.pending.put(entry.requestId(), entry);
		return entry;
	}

	/**
	 * The request of this id, made by this account and not yet expired, taken out so that
	 * it is used at most once.
	 * @throws NotFoundException otherwise, saying the browser must start again
	 */
	synchronized Pending take(UUID requestId, String actor) {
		dropExpired(this.clock.instant());
		Pending entry = this.pending.get(requestId);
		if (entry == null || !entry.actor().equals(actor)) {
			throw new NotFoundException(("No key request '%s' waits for its signature (requestId): it is unknown, "
					+ "already used, or older than %d minutes. Start again.")
				.formatted(requestId, TIME_TO_LIVE.toMinutes()));
		}
		this.pending.remove(requestId);
		return entry;
	}

	synchronized int size() {
		return this.pending.size();
	}

	private void dropExpired(Instant now) {
		this.pending.values().removeIf((entry) -> !now.isBefore(entry.expiresAt()));
	}

	/** What Keysmith built for one request: the browser's key and the TBS for it. */
	record Pending(UUID requestId, String actor, String name, int validityDays, PublicKey publicKey, byte[] tbs,
			Instant expiresAt) {

	}

}

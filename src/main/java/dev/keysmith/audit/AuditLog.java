package dev.keysmith.audit;

import java.time.Clock;
import java.util.List;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;

/**
 * Records what was done, by whom and when, in the audit log, and reads it back. An action
 * is a short constant name (e.g. {@code BACKUP_CREATED}); the object is named by a type
 * and an id; the detail says the rest in words. Values longer than their column are
 * shortened, never refused: an audit record is not lost for being long.
 */
@Service
public class AuditLog {

	static final int MAX_NAME = 255;

	static final int MAX_ACTION = 64;

	static final int MAX_DETAIL = 4096;

	public static final int MAX_READ = 200;

	private final AuditEventRepository events;

	private final Clock clock;

	AuditLog(AuditEventRepository events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Writes one line of the audit log, now, in a transaction of its own (or the
	 * caller's).
	 */
	public AuditEvent record(String actor, String action, String objectType, String objectId, String detail) {
		if (actor == null || actor.isBlank() || action == null || action.isBlank()) {
			throw new IllegalArgumentException("An audit event needs an actor and an action");
		}
		return this.events.save(new AuditEvent(this.clock.instant(), fit(actor, MAX_NAME), fit(action, MAX_ACTION),
				fit(objectType, MAX_ACTION), fit(objectId, MAX_NAME), fit(detail, MAX_DETAIL)));
	}

	/** The latest events of one action, newest first, at most {@link #MAX_READ}. */
	public List<AuditEvent> recent(String action, int limit) {
		return this.events.findByActionOrderByOccurredAtDescIdDesc(action,
				PageRequest.of(0, Math.min(Math.max(limit, 1), MAX_READ)));
	}

	private static String fit(String value, int max) {
		if (value == null || value.length() <= max) {
			return value;
		}
		int end = max - 1;
		if (Character.isHighSurrogate(value.charAt(end - 1))) {
			end--; // never half a character
		}
		return value.substring(0, end) + "…";
	}

}

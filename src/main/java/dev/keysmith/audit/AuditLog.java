package dev.keysmith.audit;

import java.time.Clock;
import java.util.List;

import dev.keysmith.common.InvalidRequestException;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records what was done, by whom and when, in the one audit log, and reads it back. An
 * action is a short constant name (e.g. {@code BACKUP_CREATED}); the object is named by a
 * type, an id and a name; the detail says the rest in words, never a secret. An entry
 * made while serving a request keeps the client's address. Values longer than their
 * column are shortened, never refused: an audit record is not lost for being long. Each
 * entry is chained to the one before it ({@link AuditChain}).
 */
@Service
public class AuditLog {

	static final int MAX_NAME = 255;

	static final int MAX_ACTION = 64;

	static final int MAX_DETAIL = 4096;

	public static final int MAX_READ = 200;

	/** The highest page number of a search: its offset fits the database's int. */
	public static final int MAX_PAGE = 1_000_000;

	/** Who acts when no one is signed in: start-up, schedules. */
	public static final String SYSTEM = "system";

	private final AuditEventRepository events;

	private final AuditChain chain;

	private final AuditVerification verification;

	private final Clock clock;

	AuditLog(AuditEventRepository events, AuditChain chain, AuditVerification verification, Clock clock) {
		this.events = events;
		this.chain = chain;
		this.verification = verification;
		this.clock = clock;
	}

	/**
	 * Writes one entry of the audit log, now, in the caller's transaction or one of its
	 * own: as the last step of a short transaction, never one that then waits on another
	 * system.
	 */
	public AuditEvent record(String actor, String action, String objectType, String objectId, String detail) {
		return record(actor, action, new AuditObject(objectType, objectId, null), detail);
	}

	/** {@link #record(String, String, String, String, String)}, the object named. */
	public AuditEvent record(String actor, String action, AuditObject object, String detail) {
		if (actor == null || actor.isBlank() || action == null || action.isBlank()) {
			throw new IllegalArgumentException("An audit event needs an actor and an action");
		}
		AuditObject fitted = new AuditObject(fit(object.type(), MAX_ACTION), fit(object.id(), MAX_NAME),
				fit(object.name(), MAX_NAME));
		return this.chain.append(new AuditEvent(AuditHash.precise(this.clock.instant()), fit(actor, MAX_NAME),
				fit(action, MAX_ACTION), fitted, fit(clientAddress(), MAX_ACTION), fit(detail, MAX_DETAIL)));
	}

	/** The signed-in account's name, or {@link #SYSTEM} when no one is signed in. */
	public static String currentActor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| authentication.getName() == null) ? SYSTEM : authentication.getName();
	}

	/** The latest events of one action, newest first, at most {@link #MAX_READ}. */
	public List<AuditEvent> recent(String action, int limit) {
		return this.events.findByActionOrderByOccurredAtDescIdDesc(action,
				PageRequest.of(0, Math.min(Math.max(limit, 1), MAX_READ)));
	}

	/**
	 * Every entry about one object, newest first: its trail, kept after it is deleted.
	 */
	public List<AuditEvent> trail(String objectType, String objectId) {
		return this.events.findByObjectTypeAndObjectIdOrderByOccurredAtDescIdDesc(objectType, objectId);
	}

	/**
	 * A page of the entries the query selects, newest first, at most {@link #MAX_READ}.
	 */
	public Page<AuditEvent> search(AuditQuery query, int page, int size) {
		if (page > MAX_PAGE) {
			throw new InvalidRequestException("page",
					"The page number must be between 0 and %d, not %d".formatted(MAX_PAGE, page));
		}
		return this.events.findAll(query.specification(), PageRequest.of(Math.max(page, 0),
				Math.min(Math.max(size, 1), MAX_READ), Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("id"))));
	}

	/** Whether the chain is intact: a walk over every entry. */
	AuditVerification.Result verify() {
		return this.verification.verify();
	}

	private static String clientAddress() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request)
				? request.getRequest().getRemoteAddr() : null;
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

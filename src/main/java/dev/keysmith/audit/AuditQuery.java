package dev.keysmith.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.PrintableText;
import jakarta.persistence.criteria.Predicate;

import org.springframework.data.jpa.domain.Specification;

/**
 * Which audit entries to list: by actor, action and object id (each exact, when given),
 * and a time window, {@code from} inclusive and {@code to} exclusive. A time is an
 * ISO-8601 instant or offset time, a date and time (UTC, as the pages show times), or a
 * date (its start; for {@code to}, the end of that day).
 */
public record AuditQuery(String actor, String action, String objectId, Instant from, Instant to) {

	/**
	 * The query of these request parameters; a time that does not read names its
	 * parameter.
	 */
	public static AuditQuery of(String actor, String action, String objectId, String from, String to) {
		Instant start = time("from", from, false);
		Instant end = time("to", to, true);
		if (start != null && end != null && !start.isBefore(end)) {
			throw new InvalidRequestException("to", "'to' (%s) must come after 'from' (%s)".formatted(end, start));
		}
		return new AuditQuery(blankless(actor), blankless(action), blankless(objectId), start, end);
	}

	Specification<AuditEvent> specification() {
		return (root, criteria, builder) -> {
			List<Predicate> conditions = new ArrayList<>();
			if (this.actor != null) {
				conditions.add(builder.equal(root.get("actor"), this.actor));
			}
			if (this.action != null) {
				conditions.add(builder.equal(root.get("action"), this.action));
			}
			if (this.objectId != null) {
				conditions.add(builder.equal(root.get("objectId"), this.objectId));
			}
			if (this.from != null) {
				conditions.add(builder.greaterThanOrEqualTo(root.get("occurredAt"), this.from));
			}
			if (this.to != null) {
				conditions.add(builder.lessThan(root.get("occurredAt"), this.to));
			}
			return builder.and(conditions.toArray(Predicate[]::new));
		};
	}

	private static String blankless(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static Instant time(String parameter, String value, boolean end) {
		String text = blankless(value);
		if (text == null) {
			return null;
		}
		try {
			if (text.length() == 10) {
				LocalDate day = LocalDate.parse(text);
				return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			if (text.endsWith("Z") || text.endsWith("z")) {
				return Instant.parse(text.toUpperCase(java.util.Locale.ROOT));
			}
			if (text.matches(".*[+-]\\d\\d:\\d\\d$")) {
				return OffsetDateTime.parse(text).toInstant();
			}
			return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeException ex) {
			throw new InvalidRequestException(parameter,
					("'%s' is not a time for '%s': give an ISO-8601 time such as 2026-01-31T12:00:00Z, "
							+ "or a date such as 2026-01-31")
						.formatted(PrintableText.oneLine(text), parameter));
		}
	}

}

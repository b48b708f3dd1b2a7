package dev.keysmith.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How Keysmith writes a moment for people, everywhere: in messages, generated files and
 * pages (templates reach it as {@code @dates}). Always UTC, always saying so.
 */
public final class Dates {

	private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private Dates() {
	}

	/** {@code 2026-11-28 19:54:41 UTC}; empty for none. */
	public static String moment(Instant instant) {
		return (instant != null) ? MOMENT.format(instant) : "";
	}

	/** {@code 2026-11-28}; empty for none. */
	public static String day(Instant instant) {
		return (instant != null) ? DAY.format(instant) : "";
	}

	/** {@code 19:54:41 UTC}, for a moment later today; empty for none. */
	public static String time(Instant instant) {
		return (instant != null) ? TIME.format(instant) : "";
	}

}

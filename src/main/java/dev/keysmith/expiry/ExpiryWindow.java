package dev.keysmith.expiry;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How long a certificate has left, in the windows the dashboard counts: expired (its end
 * has passed), fewer than 7, 30 or 90 days left, or later. A window holds the
 * certificates that end from {@code fromDays} (inclusive) to {@code toDays} (exclusive)
 * days after now, the same bounds the device list takes as {@code expiresAfterDays} and
 * {@code expiresWithinDays}.
 */
enum ExpiryWindow {

	EXPIRED("expired", "Expired", null, 0),

	WITHIN_7_DAYS("within7Days", "Fewer than 7 days", 0, 7),

	WITHIN_30_DAYS("within30Days", "7 to 30 days", 7, 30),

	WITHIN_90_DAYS("within90Days", "30 to 90 days", 30, 90),

	LATER("later", "90 days or more", 90, null);

	private final String key;

	private final String label;

	private final Integer fromDays;

	private final Integer toDays;

	ExpiryWindow(String key, String label, Integer fromDays, Integer toDays) {
		this.key = key;
		this.label = label;
		this.fromDays = fromDays;
		this.toDays = toDays;
	}

	/** The window of a certificate that ends at {@code notAfter}, seen at {@code now}. */
	static ExpiryWindow of(Instant notAfter, Instant now) {
		for (ExpiryWindow window : values()) {
			if (window.toDays == null || notAfter.isBefore(now.plus(Duration.ofDays(window.toDays)))) {
				return window;
			}
		}
		throw new IllegalStateException("LATER takes every certificate left");
	}

	/** Whether entering this window is news (every window but {@link #LATER}). */
	boolean noteworthy() {
		return this != LATER;
	}

	/** The window's name in the JSON API, e.g. {@code within7Days}. */
	String key() {
		return this.key;
	}

	/** The window's name on the pages. */
	String label() {
		return this.label;
	}

	/**
	 * The device list's {@code expiresAfterDays} for this window (null: no lower bound).
	 */
	Integer fromDays() {
		return this.fromDays;
	}

	/**
	 * The device list's {@code expiresWithinDays} for this window (null: no upper bound).
	 */
	Integer toDays() {
		return this.toDays;
	}

	/** The metric tag value: the name in lower case, e.g. {@code within_7_days}. */
	String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}

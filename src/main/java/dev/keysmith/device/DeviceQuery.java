package dev.keysmith.device;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Which devices a list shows and in which order: a part of the name, the end of the
 * active certificate's validity relative to now, and the server the device was pushed to.
 *
 * @param text a part of the name (any case); blank for all
 * @param expiresWithinDays only certificates that end before now plus this many days (0:
 * the expired ones); null for no bound
 * @param expiresAfterDays only certificates that end at or after now plus this many days;
 * null for no bound
 * @param serverId only devices pushed to this ThingsBoard server; null for all
 * @param order by name, or by days left (soonest first)
 */
public record DeviceQuery(String text, Integer expiresWithinDays, Integer expiresAfterDays, UUID serverId,
		Order order) {

	/** The widest day bound taken: a hundred years. */
	public static final int MAX_DAYS = 36_500;

	public DeviceQuery {
		text = (text != null) ? text.strip() : "";
		requireDays("expiresWithinDays", expiresWithinDays);
		requireDays("expiresAfterDays", expiresAfterDays);
		order = (order != null) ? order : Order.NAME;
	}

	/** All devices whose name contains {@code text}, by name. */
	public static DeviceQuery named(String text) {
		return new DeviceQuery(text, null, null, null, Order.NAME);
	}

	/** The instant before which the certificate must end, or null. */
	Instant endsBefore(Instant now) {
		return (this.expiresWithinDays != null) ? now.plus(Duration.ofDays(this.expiresWithinDays)) : null;
	}

	/** The instant at or after which the certificate must end, or null. */
	Instant endsFrom(Instant now) {
		return (this.expiresAfterDays != null) ? now.plus(Duration.ofDays(this.expiresAfterDays)) : null;
	}

	private static void requireDays(String field, Integer days) {
		if (days != null && (days < 0 || days > MAX_DAYS)) {
			throw new InvalidDeviceRequestException(field,
					"%s must be a whole number of days from 0 to %d, not %d".formatted(field, MAX_DAYS, days));
		}
	}

	/** The order of a device list. */
	public enum Order {

		/** By name. */
		NAME,

		/** By the days the active certificate has left, soonest first, then by name. */
		DAYS_LEFT;

		/**
		 * The order named as the API and the pages take it: {@code name} or
		 * {@code daysLeft}; null or blank for by name.
		 */
		public static Order parse(String value) {
			if (value == null || value.isBlank()) {
				return NAME;
			}
			return switch (value.strip().toLowerCase(Locale.ROOT)) {
				case "name" -> NAME;
				case "daysleft" -> DAYS_LEFT;
				default -> throw new InvalidDeviceRequestException("sort",
						"sort must be 'name' or 'daysLeft', not '" + value.strip() + "'");
			};
		}

		/** The name the API and the pages take. */
		public String parameter() {
			return (this == NAME) ? "name" : "daysLeft";
		}

	}

}

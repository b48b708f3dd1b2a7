package dev.keysmith.expiry;

import java.util.EnumMap;
import java.util.Map;

/** How many certificates are in each expiry window. */
record ExpiryCounts(long expired, long within7Days, long within30Days, long within90Days, long later) {

	static ExpiryCounts of(Map<ExpiryWindow, Long> counts) {
		return new ExpiryCounts(counts.getOrDefault(ExpiryWindow.EXPIRED, 0L),
				counts.getOrDefault(ExpiryWindow.WITHIN_7_DAYS, 0L),
				counts.getOrDefault(ExpiryWindow.WITHIN_30_DAYS, 0L),
				counts.getOrDefault(ExpiryWindow.WITHIN_90_DAYS, 0L), counts.getOrDefault(ExpiryWindow.LATER, 0L));
	}

	long in(ExpiryWindow window) {
		return switch (window) {
			case EXPIRED -> this.expired;
			case WITHIN_7_DAYS -> this.within7Days;
			case WITHIN_30_DAYS -> this.within30Days;
			case WITHIN_90_DAYS -> this.within90Days;
			case LATER -> this.later;
		};
	}

	long total() {
		return this.expired + this.within7Days + this.within30Days + this.within90Days + this.later;
	}

	static Map<ExpiryWindow, Long> empty() {
		Map<ExpiryWindow, Long> counts = new EnumMap<>(ExpiryWindow.class);
		for (ExpiryWindow window : ExpiryWindow.values()) {
			counts.put(window, 0L);
		}
		return counts;
	}

}

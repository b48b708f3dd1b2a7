package dev.keysmith.expiry;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expiry windows' bounds: each window takes its lower bound and stops short of the
 * next.
 */
class ExpiryWindowTests {

	private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

	@Test
	void ofWhenAtEachBoundThenTheWindowThatStartsThere() {
		assertThat(window(Duration.ofMillis(-1))).isEqualTo(ExpiryWindow.EXPIRED);
		assertThat(window(Duration.ZERO)).isEqualTo(ExpiryWindow.WITHIN_7_DAYS);
		assertThat(window(Duration.ofDays(7).minusMillis(1))).isEqualTo(ExpiryWindow.WITHIN_7_DAYS);
		assertThat(window(Duration.ofDays(7))).isEqualTo(ExpiryWindow.WITHIN_30_DAYS);
		assertThat(window(Duration.ofDays(30).minusMillis(1))).isEqualTo(ExpiryWindow.WITHIN_30_DAYS);
		assertThat(window(Duration.ofDays(30))).isEqualTo(ExpiryWindow.WITHIN_90_DAYS);
		assertThat(window(Duration.ofDays(90).minusMillis(1))).isEqualTo(ExpiryWindow.WITHIN_90_DAYS);
		assertThat(window(Duration.ofDays(90))).isEqualTo(ExpiryWindow.LATER);
		assertThat(window(Duration.ofDays(3650))).isEqualTo(ExpiryWindow.LATER);
		assertThat(window(Duration.ofDays(-3650))).isEqualTo(ExpiryWindow.EXPIRED);
	}

	@Test
	void hrefWhenWindowThenTheDeviceListBoundsOfTheSameWindow() {
		assertThat(DashboardView.href(ExpiryWindow.EXPIRED, null))
			.isEqualTo("/devices?expiresWithinDays=0&sort=daysLeft");
		assertThat(DashboardView.href(ExpiryWindow.WITHIN_30_DAYS, null))
			.isEqualTo("/devices?expiresAfterDays=7&expiresWithinDays=30&sort=daysLeft");
		assertThat(DashboardView.href(ExpiryWindow.LATER, null))
			.isEqualTo("/devices?expiresAfterDays=90&sort=daysLeft");
	}

	private static ExpiryWindow window(Duration left) {
		return ExpiryWindow.of(NOW.plus(left), NOW);
	}

}

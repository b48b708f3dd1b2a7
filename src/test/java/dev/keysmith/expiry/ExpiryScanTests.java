package dev.keysmith.expiry;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan records each certificate's entry into a window once, as the clock moves on;
 * later is no news, and a certificate that skipped windows enters the one it is in.
 */
class ExpiryScanTests extends ExpiryTestSupport {

	@Autowired
	ExpiryScan scan;

	@Test
	void scanWhenTheClockMovesOnThenEachWindowIsEnteredOnceInTurn() {
		UUID device = device(unique("scan"), 40);

		assertThat(windowsOf(this.scan.scan(), device)).containsExactly(ExpiryWindow.WITHIN_90_DAYS);
		assertThat(windowsOf(this.scan.scan(), device)).isEmpty();

		CLOCK.advance(Duration.ofDays(11)); // 29 days left
		assertThat(windowsOf(this.scan.scan(), device)).containsExactly(ExpiryWindow.WITHIN_30_DAYS);
		CLOCK.advance(Duration.ofDays(21).plusHours(12)); // 7.5 days left: still 7 to 30
		assertThat(windowsOf(this.scan.scan(), device)).isEmpty();
		CLOCK.advance(Duration.ofDays(1)); // 6.5 days left
		assertThat(windowsOf(this.scan.scan(), device)).containsExactly(ExpiryWindow.WITHIN_7_DAYS);
		CLOCK.advance(Duration.ofDays(7)); // half a day past its end
		assertThat(windowsOf(this.scan.scan(), device)).containsExactly(ExpiryWindow.EXPIRED);
		assertThat(windowsOf(this.scan.scan(), device)).isEmpty();
	}

	@Test
	void scanWhenACertificateHasMoreThan90DaysThenNothingIsRecorded() {
		UUID device = device(unique("scan-later"), 365);

		assertThat(windowsOf(this.scan.scan(), device)).isEmpty();
	}

	@Test
	void scanWhenKeysmithWasOffWhileWindowsPassedThenTheCertificateEntersTheWindowItIsIn() {
		UUID device = device(unique("scan-skipped"), 100);
		assertThat(windowsOf(this.scan.scan(), device)).isEmpty();

		CLOCK.advance(Duration.ofDays(95)); // 5 days left: 90 and 30 were passed unseen

		List<ExpiryEntry> entered = this.scan.scan().stream().filter((e) -> e.getDeviceId().equals(device)).toList();
		assertThat(entered).singleElement().satisfies((entry) -> {
			assertThat(entry.getWindow()).isEqualTo(ExpiryWindow.WITHIN_7_DAYS);
			assertThat(entry.getEnteredAt()).isEqualTo(CLOCK.instant());
			assertThat(entry.getNotifiedAt()).isNull();
		});
	}

	private static List<ExpiryWindow> windowsOf(List<ExpiryEntry> entries, UUID device) {
		return entries.stream().filter((e) -> e.getDeviceId().equals(device)).map(ExpiryEntry::getWindow).toList();
	}

}

package dev.keysmith.thingsboard.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConcurrencyLimitTests {

	private final ConcurrencyLimit limit = new ConcurrencyLimit(2, Duration.ofMillis(50), "tb");

	@Test
	void acquireWhenAllSlotsTakenThenBusyWithRetryAfterAndFreeAgainOnRelease() {
		Deadline deadline = Deadline.after(Duration.ofSeconds(30));
		this.limit.acquire(deadline);
		this.limit.acquire(deadline);

		assertThatExceptionOfType(ThingsBoardUnavailableException.class).isThrownBy(() -> this.limit.acquire(deadline))
			.withMessage(
					"ThingsBoard (tb) is busy: Keysmith is already waiting for 2 answers from it, the most it asks "
							+ "for at once. Try again in a moment.")
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(1)));

		this.limit.release();
		assertThatCode(() -> this.limit.acquire(deadline)).doesNotThrowAnyException();
	}

	@Test
	void acquireWhenDeadlinePassedThenNoWait() {
		ConcurrencyLimit patient = new ConcurrencyLimit(1, Duration.ofHours(1), "tb");
		patient.acquire(Deadline.after(Duration.ofSeconds(30)));
		// bounded by the deadline, not by the hour: the test would hang otherwise
		assertThatExceptionOfType(ThingsBoardUnavailableException.class)
			.isThrownBy(() -> patient.acquire(Deadline.after(Duration.ZERO)));
	}

}

package dev.keysmith.thingsboard.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CircuitBreakerTests {

	private final SettableClock clock = new SettableClock(Instant.parse("2026-11-28T12:00:00Z"));

	private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), Duration.ofSeconds(10),
			this.clock, "tb");

	@Test
	void admitWhenThreeCallsInARowGotNoAnswerThenFailsFastSayingWhenItTriesAgain() {
		unanswered(2);
		assertThatCode(this.breaker::admit).doesNotThrowAnyException();
		this.breaker.unanswered();
		this.clock.advance(Duration.ofSeconds(5));

		assertThatExceptionOfType(ThingsBoardUnavailableException.class).isThrownBy(this.breaker::admit)
			.withMessage("ThingsBoard (tb) did not answer 3 calls in a row: Keysmith does not call it for 30 s and "
					+ "tries again at 12:00:30 UTC (in 25 s).")
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(25)))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ThingsBoardException.Kind.NOT_CALLED));
	}

	@Test
	void admitWhenServerAnswersWithErrorsThenNeverOpens() {
		for (int i = 0; i < 10; i++) {
			this.breaker.admit();
			// a 5xx or a 401 is an answer
			this.breaker.answered();
		}
		unanswered(2);
		this.breaker.answered();
		unanswered(2);
		assertThatCode(this.breaker::admit).doesNotThrowAnyException();
	}

	@Test
	void admitWhenCoolDownPassedThenOneTrialAndItsAnswerClosesTheCircuit() {
		unanswered(3);
		this.clock.advance(Duration.ofSeconds(30));

		this.breaker.admit();
		assertThatExceptionOfType(ThingsBoardUnavailableException.class).isThrownBy(this.breaker::admit)
			.withMessageContaining("Keysmith is trying it again with one call now");
		this.breaker.answered();

		assertThatCode(this.breaker::admit).doesNotThrowAnyException();
		assertThatCode(this.breaker::admit).doesNotThrowAnyException();
	}

	@Test
	void admitWhenTrialGetsNoAnswerThenOpenAgainForAnotherCoolDown() {
		unanswered(3);
		this.clock.advance(Duration.ofSeconds(31));
		this.breaker.admit();
		this.breaker.unanswered();

		assertThatExceptionOfType(ThingsBoardUnavailableException.class).isThrownBy(this.breaker::admit)
			.withMessageContaining("tries again at 12:01:01 UTC (in 30 s)");
		this.clock.advance(Duration.ofSeconds(30));
		assertThatCode(this.breaker::admit).doesNotThrowAnyException();
	}

	@Test
	void admitWhenTrialNeverReportsThenAnotherTrialAfterItsBound() {
		unanswered(3);
		this.clock.advance(Duration.ofSeconds(30));
		this.breaker.admit();
		this.clock.advance(Duration.ofSeconds(11));
		assertThatCode(this.breaker::admit).doesNotThrowAnyException();
	}

	private void unanswered(int times) {
		for (int i = 0; i < times; i++) {
			this.breaker.admit();
			this.breaker.unanswered();
		}
	}

	/** A clock the test moves. */
	static final class SettableClock extends Clock {

		private Instant now;

		SettableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}

package dev.keysmith.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.keysmith.web.SecurityProperties.LoginThrottleSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The throttle's rules on a clock the test moves. */
class LoginThrottleTests {

	private static final String ADDRESS = "198.51.100.7";

	private final TestClock clock = new TestClock();

	private final LoginThrottle throttle = new LoginThrottle(defaults(), this.clock);

	@Test
	void failedWhenFewerThanMaxFailuresThenStillAllowed() {
		for (int i = 0; i < 4; i++) {
			assertThat(this.throttle.failed("admin", ADDRESS)).isZero();
			this.clock.advance(Duration.ofSeconds(10));
		}
		assertThat(this.throttle.refusal("admin", ADDRESS)).isEmpty();
	}

	@Test
	void failedWhenMaxFailuresWithinWindowThenPairRefusedForBackOffButNotFromAnotherAddress() {
		failTimes(4);
		assertThat(this.throttle.failed("admin", ADDRESS)).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.throttle.refusal("admin", ADDRESS)).hasValueSatisfying((refusal) -> {
			assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(30));
			assertThat(refusal.first()).isTrue();
		});
		this.clock.advance(Duration.ofSeconds(12));
		assertThat(this.throttle.refusal("admin", ADDRESS)).hasValueSatisfying((refusal) -> {
			assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(18));
			assertThat(refusal.first()).isFalse();
		});
		assertThat(this.throttle.refusal("admin", "203.0.113.9")).isEmpty();
		assertThat(this.throttle.refusal("operator", ADDRESS)).isEmpty();
	}

	@Test
	void refusalWhenBackOffOverThenAllowedAndEachFurtherFailureDoublesItUpToTheCap() {
		failTimes(5);
		Duration expected = Duration.ofSeconds(30);
		for (int lock = 0; lock < 8; lock++) {
			this.clock.advance(expected);
			assertThat(this.throttle.refusal("admin", ADDRESS)).as("after lock %d", lock).isEmpty();
			expected = min(expected.multipliedBy(2), Duration.ofMinutes(15));
			assertThat(this.throttle.failed("admin", ADDRESS)).as("lock %d", lock + 1).isEqualTo(expected);
		}
		assertThat(expected).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void failedWhenFailuresSpreadOverMoreThanTheWindowThenNeverRefused() {
		for (int i = 0; i < 20; i++) {
			assertThat(this.throttle.failed("admin", ADDRESS)).isZero();
			this.clock.advance(Duration.ofMinutes(4));
		}
		assertThat(this.throttle.refusal("admin", ADDRESS)).isEmpty();
	}

	@Test
	void succeededThenFailuresForgotten() {
		failTimes(4);
		this.throttle.succeeded("admin", ADDRESS);
		failTimes(4);
		assertThat(this.throttle.refusal("admin", ADDRESS)).isEmpty();
		assertThat(this.throttle.tracked()).isEqualTo(1);
	}

	@Test
	void refusalWhenQuietForTheWindowAfterALockThenForgottenAndCountedAfresh() {
		failTimes(5);
		this.clock.advance(Duration.ofSeconds(30).plus(Duration.ofMinutes(15)).plusSeconds(1));
		assertThat(this.throttle.refusal("admin", ADDRESS)).isEmpty();
		assertThat(this.throttle.tracked()).isZero();
		// a fresh streak: one failure is not a lock, five are the first lock again
		assertThat(this.throttle.failed("admin", ADDRESS)).isZero();
		failTimes(3);
		assertThat(this.throttle.failed("admin", ADDRESS)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void failedWhenMorePairsThanMaxTrackedThenExpiredAndUnlockedOnesGoFirst() {
		LoginThrottle small = new LoginThrottle(settings("keysmith.security.login-throttle.max-tracked", "3"),
				this.clock);
		for (int i = 0; i < 5; i++) {
			small.failed("locked", ADDRESS);
		}
		for (int i = 0; i < 50; i++) {
			small.failed("guess-" + i, ADDRESS);
			assertThat(small.tracked()).isLessThanOrEqualTo(3);
		}
		// the locked pair outlives fifty newer one-off failures
		assertThat(small.refusal("locked", ADDRESS)).isPresent();
		this.clock.advance(Duration.ofHours(1));
		small.failed("later", ADDRESS);
		assertThat(small.tracked()).isEqualTo(1);
	}

	@Test
	void failedWhenUsernameHugeThenKeyStaysSmall() {
		String huge = "x".repeat(1_000_000);
		failTimes(huge, 5);
		assertThat(this.throttle.refusal(huge, ADDRESS)).isPresent();
		assertThat(this.throttle.refusal("x".repeat(200), ADDRESS)).as("same first 128 characters").isPresent();
	}

	@Test
	void settingsWhenBoundThenDefaultsAndNonsenseRefused() {
		LoginThrottleSettings defaults = defaults();
		assertThat(defaults.maxFailures()).isEqualTo(5);
		assertThat(defaults.window()).isEqualTo(Duration.ofMinutes(15));
		assertThat(defaults.backOff()).isEqualTo(Duration.ofSeconds(30));
		assertThat(defaults.maxBackOff()).isEqualTo(Duration.ofMinutes(15));
		assertThat(defaults.maxTracked()).isEqualTo(10_000);
		assertThat(settings("keysmith.security.login-throttle.back-off", "2s").backOff())
			.isEqualTo(Duration.ofSeconds(2));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LoginThrottleSettings(0, Duration.ofMinutes(1), Duration.ofSeconds(1),
					Duration.ofSeconds(2), 10))
			.withMessageContaining("max-failures");
	}

	private void failTimes(int times) {
		failTimes("admin", times);
	}

	private void failTimes(String username, int times) {
		for (int i = 0; i < times; i++) {
			this.throttle.failed(username, ADDRESS);
			this.clock.advance(Duration.ofSeconds(1));
		}
		this.clock.advance(Duration.ofSeconds(-1));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static LoginThrottleSettings defaults() {
		return settings("keysmith.security.admin-password", "");
	}

	private static LoginThrottleSettings settings(String name, String value) {
		Binder binder = new Binder(new MapConfigurationPropertySource(java.util.Map.of(name, value)));
		return binder.bindOrCreate("keysmith.security", SecurityProperties.class).loginThrottle();
	}

	private static final class TestClock extends Clock {

		private Instant now = Instant.parse("2027-03-01T09:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}

package dev.keysmith.device;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.keysmith.common.NotFoundException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The requests that wait for the browser's signature: once, by their account, briefly.
 */
class PendingBrowserKeysTests {

	private final SteppedClock clock = new SteppedClock();

	private final PendingBrowserKeys pending = new PendingBrowserKeys(this.clock, 3);

	@Test
	void takeWhenWithinTimeToLiveThenOnceOnly() {
		UUID id = add("admin").requestId();
		this.clock.now = this.clock.now.plus(PendingBrowserKeys.TIME_TO_LIVE.minusSeconds(1));
		assertThat(this.pending.take(id, "admin").name()).isEqualTo("sensor");
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.pending.take(id, "admin"))
			.withMessageContaining("already used");
	}

	@Test
	void takeWhenTimeToLivePassedThenNotFoundAndDropped() {
		UUID id = add("admin").requestId();
		this.clock.now = this.clock.now.plus(PendingBrowserKeys.TIME_TO_LIVE);
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.pending.take(id, "admin"))
			.withMessageContaining("older than 5 minutes");
		assertThat(this.pending.size()).isZero();
	}

	@Test
	void takeWhenAnotherAccountAsksThenNotFoundAndStillThereForItsOwner() {
		UUID id = add("admin").requestId();
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.pending.take(id, "mallory"));
		assertThat(this.pending.take(id, "admin").actor()).isEqualTo("admin");
	}

	@Test
	void addWhenFullThenOldestGivesWay() {
		UUID oldest = add("admin").requestId();
		add("admin");
		add("admin");
		UUID newest = add("admin").requestId();
		assertThat(this.pending.size()).isEqualTo(3);
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.pending.take(oldest, "admin"));
		assertThat(this.pending.take(newest, "admin")).isNotNull();
	}

	@Test
	void addWhenOneAccountAsksAgainAndAgainThenOnlyItsOwnOldestGiveWay() {
		PendingBrowserKeys roomy = new PendingBrowserKeys(this.clock, 1000);
		UUID others = roomy.add("alice", "sensor", 30, null, new byte[] { 1 }).requestId();
		UUID first = roomy.add("mallory", "sensor", 30, null, new byte[] { 1 }).requestId();
		for (int i = 1; i < PendingBrowserKeys.PER_ACCOUNT + 5; i++) {
			roomy.add("mallory", "sensor", 30, null, new byte[] { 1 });
		}
		assertThat(roomy.size()).isEqualTo(PendingBrowserKeys.PER_ACCOUNT + 1);
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> roomy.take(first, "mallory"));
		assertThat(roomy.take(others, "alice")).isNotNull();
	}

	private PendingBrowserKeys.Pending add(String actor) {
		return this.pending.add(actor, "sensor", 30, null, new byte[] { 1, 2, 3 });
	}

	static final class SteppedClock extends Clock {

		Instant now = Instant.parse("2026-01-01T00:00:00Z");

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
			return this;
		}

	}

}

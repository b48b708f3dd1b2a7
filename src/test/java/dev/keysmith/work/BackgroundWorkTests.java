package dev.keysmith.work;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Admission of long jobs: a place before anything is stored, a clear "busy" when there is
 * none.
 */
class BackgroundWorkTests {

	/** One thread and one place in the queue: two jobs at most. */
	private final BackgroundWork work = new BackgroundWork(new WorkProperties(1, 1, 1));

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stop() {
		this.release.countDown();
		this.work.destroy();
	}

	@Test
	void reserveWhenEveryPlaceTakenThenBusyAtOnceWithWhenToTryAgain() {
		this.work.reserve(Duration.ZERO).start(this::blocked);
		this.work.reserve(Duration.ZERO).start(this::blocked);

		assertThatExceptionOfType(BusyException.class).isThrownBy(() -> this.work.reserve(Duration.ZERO))
			.withMessageContaining("try again shortly")
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isPositive());
	}

	@Test
	void reserveWhenAPlaceFreesWhileWaitingThenTheWaiterGetsIt() throws Exception {
		CompletableFuture<String> first = this.work.reserve(Duration.ZERO).start(this::blocked);
		this.work.reserve(Duration.ZERO).start(() -> "queued");
		CompletableFuture<BackgroundWork.Place> waiting = CompletableFuture
			.supplyAsync(() -> this.work.reserve(Duration.ofSeconds(20)));

		this.release.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("done");
		assertThat(waiting.get(10, TimeUnit.SECONDS).start(() -> "third").get(10, TimeUnit.SECONDS)).isEqualTo("third");
	}

	@Test
	void releaseWhenPlaceNotUsedThenItIsFreeAgain() {
		this.work.reserve(Duration.ZERO).start(this::blocked);
		BackgroundWork.Place unused = this.work.reserve(Duration.ZERO);
		assertThatExceptionOfType(BusyException.class).isThrownBy(() -> this.work.reserve(Duration.ZERO));

		unused.release();
		unused.release(); // giving it back twice frees it once

		this.work.reserve(Duration.ZERO).start(this::blocked);
		assertThatExceptionOfType(BusyException.class).isThrownBy(() -> this.work.reserve(Duration.ZERO));
	}

	@Test
	void startWhenJobFailsThenItsFutureFailsAndThePlaceIsFreed() throws Exception {
		CompletableFuture<String> failed = this.work.reserve(Duration.ZERO).start(() -> {
			throw new IllegalStateException("broken");
		});
		assertThat(failed).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause().withMessage("broken");
		this.work.reserve(Duration.ofSeconds(10)).start(() -> "a").get(10, TimeUnit.SECONDS);
		this.work.reserve(Duration.ofSeconds(10)).start(() -> "b").get(10, TimeUnit.SECONDS);
	}

	@Test
	void outboundWhenACallHangsThenPeriodicTasksGoOnAndOneMoreCallWaitsAtMost() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		CountDownLatch ticks = new CountDownLatch(5);
		// the one scheduler thread hands a call to a receiver that never answers to
		// the outbound thread each time, and keeps ticking
		this.work.every(Duration.ofMillis(20), "A heartbeat", () -> {
			this.work.outbound("A call to a receiver that never answers", () -> {
				calls.incrementAndGet();
				try {
					blocked();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			ticks.countDown();
		});
		assertThat(ticks.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(calls.get()).isEqualTo(1);
		this.release.countDown();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(calls.get()).isGreaterThan(1));
	}

	private String blocked() throws InterruptedException {
		this.release.await(30, TimeUnit.SECONDS);
		return "done";
	}

}

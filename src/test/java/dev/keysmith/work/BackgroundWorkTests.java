package dev.keysmith.work;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

	private String blocked() throws InterruptedException {
		this.release.await(30, TimeUnit.SECONDS);
		return "done";
	}

}

package dev.keysmith.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.keysmith.progress.Feed;
import dev.keysmith.progress.Watcher;
import dev.keysmith.work.BackgroundWork;
import dev.keysmith.work.WorkProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RunFeedTests {

	private final BackgroundWork work = new BackgroundWork(new WorkProperties(4, 100, 2));

	private final Feed<RunView, RunEvent> events = feed(Duration.ofSeconds(15));

	private final List<RunEvent> received = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.events.destroy();
		this.work.destroy();
	}

	/**
	 * The verification runs' feed, as the application makes it, with a heartbeat of the
	 * test's choosing.
	 */
	private Feed<RunView, RunEvent> feed(Duration heartbeat) {
		return new Feed<>(new RunModel(), this.work, RunStreams.STORE_POLL, heartbeat);
	}

	@Test
	void watchWhenRunIsLiveThenSnapshotFirstThenEachChangeThenVerdict() {
		RunView run = run(RunStatus.RUNNING);
		this.events.open(run.id(), run);
		this.events.publish(run.id(), new RunEvent.StepChanged(step(0, StepStatus.PASSED)));
		this.events.watch(run.id(), () -> {
			throw new AssertionError("a live run is not read from the store");
		}, this::receive);
		this.events.publish(run.id(), new RunEvent.StepChanged(step(1, StepStatus.RUNNING)));
		this.events.publish(run.id(), new RunEvent.RunFinished(finished(run)));

		await().atMost(Duration.ofSeconds(5))
			.until(() -> !this.received.isEmpty()
					&& this.received.get(this.received.size() - 1) instanceof RunEvent.RunFinished);
		// the snapshot: every step as it was, step 0 already passed
		assertThat(this.received.subList(0, 7)).allMatch((e) -> e instanceof RunEvent.StepChanged);
		assertThat(((RunEvent.StepChanged) this.received.get(0)).step().status()).isEqualTo(StepStatus.PASSED);
		assertThat(((RunEvent.StepChanged) this.received.get(7)).step().status()).isEqualTo(StepStatus.RUNNING);
		assertThat(this.received).hasSize(9);
	}

	@Test
	void watchWhenRunIsRunningElsewhereThenTheStoreIsFollowedUntilTheVerdict() {
		RunView running = run(RunStatus.RUNNING);
		AtomicReference<RunView> store = new AtomicReference<>(running);
		this.events.watch(running.id(), store::get, this::receive);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.received.size() == 7);

		store.set(with(running, step(0, StepStatus.PASSED)));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.received.size() == 8);
		assertThat(((RunEvent.StepChanged) this.received.get(7)).step().status()).isEqualTo(StepStatus.PASSED);

		store.set(finished(store.get()));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.received.get(this.received.size() - 1) instanceof RunEvent.RunFinished);
		int count = this.received.size();
		store.set(with(store.get(), step(3, StepStatus.FAILED)));
		await().during(Duration.ofMillis(1200))
			.atMost(Duration.ofSeconds(3))
			.until(() -> this.received.size() == count);
	}

	@Test
	void watchWhenWatcherGoneThenNothingMoreIsSentToIt() {
		RunView run = run(RunStatus.RUNNING);
		this.events.open(run.id(), run);
		List<RunEvent> got = new CopyOnWriteArrayList<>();
		this.events.watch(run.id(), () -> run, (event) -> {
			got.add(event);
			return false;
		});
		this.events.publish(run.id(), new RunEvent.StepChanged(step(0, StepStatus.RUNNING)));
		await().atMost(Duration.ofSeconds(2)).until(() -> !got.isEmpty());
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> got.size() == 1);
	}

	@Test
	void watchWhenHundredStreamsOpenAndCloseOnARunThatNeverProgressesThenEveryFollowerStops() {
		RunView stuck = run(RunStatus.RUNNING);
		AtomicInteger reads = new AtomicInteger();
		List<AtomicBoolean> streams = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			AtomicBoolean open = new AtomicBoolean(true);
			streams.add(open);
			this.events.watch(stuck.id(), () -> {
				reads.incrementAndGet();
				return stuck;
			}, new Stream(open));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() > 200);
		assertThat(this.events.activeFollowers()).isEqualTo(100);

		streams.forEach((open) -> open.set(false));

		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.activeFollowers() == 0);
		int readsWhenStopped = reads.get();
		await().during(Duration.ofMillis(1500))
			.atMost(Duration.ofSeconds(3))
			.until(() -> reads.get() == readsWhenStopped);
	}

	@Test
	void watchWhenClientLeftUnnoticedThenTheHeartbeatFindsOutAndFollowingStops() {
		Feed<RunView, RunEvent> beating = feed(Duration.ofMillis(200));
		try {
			RunView stuck = run(RunStatus.RUNNING);
			RunView live = run(RunStatus.RUNNING);
			beating.open(live.id(), live);
			AtomicInteger heartbeats = new AtomicInteger();
			// the stream looks open until a write to it fails, as a TCP connection whose
			// peer vanished
			Watcher<RunEvent> vanished = new Watcher<>() {

				@Override
				public boolean accept(RunEvent event) {
					return true;
				}

				@Override
				public boolean heartbeat() {
					return heartbeats.incrementAndGet() < 2;
				}

			};
			beating.watch(stuck.id(), () -> stuck, vanished);
			beating.watch(live.id(), () -> live, new Stream(new AtomicBoolean(true)) {

				@Override
				public boolean heartbeat() {
					return false;
				}

			});
			assertThat(beating.activeFollowers()).isEqualTo(2);
			await().atMost(Duration.ofSeconds(5)).until(() -> beating.activeFollowers() == 0);
			assertThat(heartbeats.get()).isEqualTo(2);
		}
		finally {
			beating.destroy();
		}
	}

	@Test
	void closingWhenStreamsOpenThenEveryOneIsClosedAndNoneFollowedAnyMore() {
		RunView stuck = run(RunStatus.RUNNING);
		RunView live = run(RunStatus.RUNNING);
		this.events.open(live.id(), live);
		List<Stream> streams = new ArrayList<>();
		for (RunView run : List.of(stuck, live, stuck)) {
			Stream stream = new Stream(new AtomicBoolean(true));
			streams.add(stream);
			this.events.watch(run.id(), () -> run, stream);
		}
		assertThat(this.events.activeFollowers()).isEqualTo(3);

		this.events.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));

		assertThat(streams).allMatch((stream) -> stream.closed);
		assertThat(this.events.activeFollowers()).isZero();
		Stream late = new Stream(new AtomicBoolean(true));
		this.events.watch(stuck.id(), () -> stuck, late);
		assertThat(late.closed).isTrue();
		assertThat(this.events.activeFollowers()).isZero();
	}

	/** A stream whose client can leave; it remembers being closed by the server. */
	private static class Stream implements Watcher<RunEvent> {

		private final AtomicBoolean open;

		private volatile boolean closed;

		Stream(AtomicBoolean open) {
			this.open = open;
		}

		@Override
		public boolean accept(RunEvent event) {
			return this.open.get();
		}

		@Override
		public boolean isOpen() {
			return this.open.get();
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

	private boolean receive(RunEvent event) {
		this.received.add(event);
		return true;
	}

	private static RunView run(RunStatus status) {
		List<StepView> steps = new ArrayList<>();
		for (StepName name : StepName.values()) {
			steps.add(new StepView(name.ordinal(), name.label(), StepStatus.PENDING, null, null, null));
		}
		return new RunView(UUID.randomUUID(), UUID.randomUUID(), "d", UUID.randomUUID(), "s", "admin", status,
				Instant.now(), null, "{}", List.copyOf(steps), null, null);
	}

	private static StepView step(int position, StepStatus status) {
		return new StepView(position, StepName.values()[position].label(), status, 1L, "detail", null);
	}

	private static RunView with(RunView run, StepView step) {
		List<StepView> steps = new ArrayList<>(run.steps());
		steps.set(step.position(), step);
		return new RunView(run.id(), run.deviceId(), run.deviceName(), run.serverId(), run.serverName(),
				run.startedBy(), run.status(), run.startedAt(), run.finishedAt(), run.payload(), List.copyOf(steps),
				run.cause(), run.diagnosis());
	}

	private static RunView finished(RunView run) {
		return new RunView(run.id(), run.deviceId(), run.deviceName(), run.serverId(), run.serverName(),
				run.startedBy(), RunStatus.PASSED, run.startedAt(), Instant.now(), run.payload(), run.steps(), null,
				"ok");
	}

}

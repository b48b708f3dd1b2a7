package dev.keysmith.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Live runs and their watchers. A watcher first gets the run as it is (every step, and the
 * verdict when there is one), then each change; a run that is not live here is replayed
 * from the store.
 * So a reconnecting browser sees the whole run and never starts a new one. Events are handed
 * to watchers on one dispatcher thread, in order, so that neither the run nor Scandium's
 * threads ever wait for a slow browser.
 */
@Component
class RunEvents implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RunEvents.class);

	private final Map<UUID, LiveRun> live = new ConcurrentHashMap<>();

	static final Duration STORE_POLL = Duration.ofMillis(500);

	private final ExecutorService dispatcher = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "verification-events");
		thread.setDaemon(true);
		return thread;
	});

	private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "verification-store-poll");
		thread.setDaemon(true);
		return thread;
	});

	/** Someone watching a run; called on the dispatcher thread. */
	interface Watcher {

		/** @return {@code false} when the watcher is gone and should be dropped */
		boolean accept(RunEvent event);

	}

	void open(RunView run) {
		this.live.put(run.id(), new LiveRun(run));
	}

	void publish(UUID runId, RunEvent event) {
		LiveRun run = this.live.get(runId);
		if (run == null) {
			return;
		}
		synchronized (run) {
			run.apply(event);
			List<Watcher> watchers = List.copyOf(run.watchers);
			this.dispatcher.execute(() -> deliver(run, watchers, event));
			if (event instanceof RunEvent.RunFinished) {
				this.live.remove(runId);
			}
		}
	}

	/**
	 * Watches a live run. A run that is not live here is replayed from the store; if it is
	 * still running (on another Keysmith instance sharing the database), the store is read
	 * again every {@link #STORE_POLL} until its verdict.
	 */
	void watch(UUID runId, Supplier<RunView> store, Watcher watcher) {
		LiveRun run = this.live.get(runId);
		if (run != null) {
			synchronized (run) {
				if (!run.finished()) {
					List<RunEvent> snapshot = run.snapshot();
					run.watchers.add(watcher);
					this.dispatcher.execute(() -> {
						for (RunEvent event : snapshot) {
							if (!deliver(run, watcher, event)) {
								return;
							}
						}
					});
					return;
				}
			}
		}
		follow(store, null, watcher);
	}

	/** Sends what changed in the stored run since {@code sent}, and looks again later until it is finished. */
	private void follow(Supplier<RunView> store, RunView sent, Watcher watcher) {
		RunView current = store.get();
		List<RunEvent> events = new ArrayList<>();
		for (StepView step : current.steps()) {
			if (sent == null || !step.equals(sent.steps().get(step.position()))) {
				events.add(new RunEvent.StepChanged(step));
			}
		}
		if (current.finished()) {
			events.add(new RunEvent.RunFinished(current));
		}
		this.dispatcher.execute(() -> {
			boolean alive = true;
			for (RunEvent event : events) {
				alive = alive && watcher.accept(event);
			}
			if (alive && !current.finished()) {
				this.poller.schedule(() -> follow(store, current, watcher), STORE_POLL.toMillis(), TimeUnit.MILLISECONDS);
			}
		});
	}

	private static void deliver(LiveRun run, List<Watcher> watchers, RunEvent event) {
		for (Watcher watcher : watchers) {
			deliver(run, watcher, event);
		}
	}

	/** @return whether the watcher is still there; a gone one is dropped */
	private static boolean deliver(LiveRun run, Watcher watcher, RunEvent event) {
		synchronized (run) {
			if (!run.watchers.contains(watcher)) {
				return false; // it said it was gone while this event waited
			}
		}
		boolean alive;
		try {
			alive = watcher.accept(event);
		}
		catch (RuntimeException ex) {
			log.debug("A run watcher failed: {}", ex.toString());
			alive = false;
		}
		if (!alive) {
			synchronized (run) {
				run.watchers.remove(watcher);
			}
		}
		return alive;
	}

	@Override
	public void destroy() {
		this.poller.shutdownNow();
		this.dispatcher.shutdownNow();
	}

	private static final class LiveRun {

		private RunView run;

		private final List<Watcher> watchers = new ArrayList<>();

		LiveRun(RunView run) {
			this.run = run;
		}

		void apply(RunEvent event) {
			if (event instanceof RunEvent.StepChanged changed) {
				List<StepView> steps = new ArrayList<>(this.run.steps());
				steps.set(changed.step().position(), changed.step());
				this.run = new RunView(this.run.id(), this.run.deviceId(), this.run.deviceName(), this.run.serverId(),
						this.run.serverName(), this.run.startedBy(), this.run.status(), this.run.startedAt(),
						this.run.finishedAt(), this.run.payload(), List.copyOf(steps), this.run.diagnosis());
			}
			else if (event instanceof RunEvent.RunFinished finished) {
				this.run = finished.run();
			}
		}

		boolean finished() {
			return this.run.finished();
		}

		List<RunEvent> snapshot() {
			List<RunEvent> events = new ArrayList<>();
			this.run.steps().forEach((step) -> events.add(new RunEvent.StepChanged(step)));
			if (this.run.finished()) {
				events.add(new RunEvent.RunFinished(this.run));
			}
			return events;
		}

	}

}

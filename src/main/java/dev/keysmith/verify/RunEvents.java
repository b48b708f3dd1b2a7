package dev.keysmith.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Live runs and their watchers. A watcher first gets the run as it is (every step, and the
 * verdict when there is one), then each change; a finished run is replayed from the store.
 * So a reconnecting browser sees the whole run and never starts a new one. Events are handed
 * to watchers on one dispatcher thread, in order, so that neither the run nor Scandium's
 * threads ever wait for a slow browser.
 */
@Component
class RunEvents implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RunEvents.class);

	private final Map<UUID, LiveRun> live = new ConcurrentHashMap<>();

	private final ExecutorService dispatcher = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "verification-events");
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

	/** Watches a live run, or replays {@code stored} when the run is not live (finished, or from before a restart). */
	void watch(UUID runId, RunView stored, Watcher watcher) {
		LiveRun run = this.live.get(runId);
		if (run != null) {
			synchronized (run) {
				if (!run.finished()) {
					List<RunEvent> snapshot = run.snapshot();
					run.watchers.add(watcher);
					this.dispatcher.execute(() -> snapshot.forEach((event) -> deliver(run, List.of(watcher), event)));
					return;
				}
			}
		}
		List<RunEvent> replay = new LiveRun(stored).snapshot();
		this.dispatcher.execute(() -> replay.forEach(watcher::accept));
	}

	private static void deliver(LiveRun run, List<Watcher> watchers, RunEvent event) {
		for (Watcher watcher : watchers) {
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
		}
	}

	@Override
	public void destroy() {
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

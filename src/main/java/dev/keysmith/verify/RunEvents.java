package dev.keysmith.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * Live runs and their watchers. A watcher first gets the run as it is (every step, and the
 * verdict when there is one), then each change; a run that is not live here is replayed
 * from the store ({@link StoreFollowers}).
 * So a reconnecting browser sees the whole run and never starts a new one. Events are handed
 * to watchers on one dispatcher thread, in order, so that neither the run nor Scandium's
 * threads ever wait for a slow browser. Every watcher gets a heartbeat now and then, so that
 * one whose client went away is noticed and dropped, and all are closed as the application
 * stops, so that open streams do not hold up its shutdown.
 */
@Component
class RunEvents implements ApplicationListener<ContextClosedEvent>, DisposableBean {

	static final Duration STORE_POLL = Duration.ofMillis(500);

	private final Map<UUID, LiveRun> live = new ConcurrentHashMap<>();

	private volatile boolean closed;

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

	private final StoreFollowers followers = new StoreFollowers(this.poller, this::dispatch);

	@Autowired
	RunEvents(VerifyProperties properties) {
		this(properties.streamHeartbeat());
	}

	/** @param heartbeat how often every watcher hears that its stream is alive */
	RunEvents(Duration heartbeat) {
		this.poller.scheduleWithFixedDelay(() -> dispatch(this::heartbeat), heartbeat.toMillis(), heartbeat.toMillis(),
				TimeUnit.MILLISECONDS);
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
			List<RunWatcher> watchers = List.copyOf(run.watchers);
			dispatch(() -> deliver(run, watchers, event));
			if (event instanceof RunEvent.RunFinished) {
				this.live.remove(runId);
			}
		}
	}

	/**
	 * Watches a live run. A run that is not live here is replayed from the store; if it is
	 * still running (on another Keysmith instance sharing the database), the store is read
	 * again every {@link #STORE_POLL} until its verdict, or until the watcher is gone.
	 */
	void watch(UUID runId, Supplier<RunView> store, RunWatcher watcher) {
		if (this.closed) {
			RunWatcher.closeQuietly(watcher);
			return;
		}
		LiveRun run = this.live.get(runId);
		if (run != null) {
			synchronized (run) {
				if (!run.finished()) {
					List<RunEvent> snapshot = run.snapshot();
					run.watchers.add(watcher);
					dispatch(() -> {
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
		this.followers.follow(store, watcher);
	}

	/** How many watchers are registered, of live runs and following the store. */
	int activeFollowers() {
		int count = this.followers.count();
		for (LiveRun run : this.live.values()) {
			synchronized (run) {
				count += run.watchers.size();
			}
		}
		return count;
	}

	/** On the dispatcher: every watcher hears that its stream is alive; those gone are dropped. */
	private void heartbeat() {
		for (LiveRun run : this.live.values()) {
			List<RunWatcher> watchers;
			synchronized (run) {
				watchers = List.copyOf(run.watchers);
			}
			for (RunWatcher watcher : watchers) {
				if (!RunWatcher.beat(watcher)) {
					synchronized (run) {
						run.watchers.remove(watcher);
					}
				}
			}
		}
		this.followers.heartbeat();
	}

	private static void deliver(LiveRun run, List<RunWatcher> watchers, RunEvent event) {
		for (RunWatcher watcher : watchers) {
			deliver(run, watcher, event);
		}
	}

	/** @return whether the watcher is still there; a gone one is dropped */
	private static boolean deliver(LiveRun run, RunWatcher watcher, RunEvent event) {
		synchronized (run) {
			if (!run.watchers.contains(watcher)) {
				return false; // it said it was gone while this event waited
			}
		}
		boolean alive = RunWatcher.deliver(watcher, event);
		if (!alive) {
			synchronized (run) {
				run.watchers.remove(watcher);
			}
		}
		return alive;
	}

	private void dispatch(Runnable task) {
		try {
			this.dispatcher.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// stopping: the watchers are being closed
		}
	}

	/**
	 * Ends every open stream as the application starts to stop, before the web server waits
	 * for requests in progress: an open stream would otherwise hold the shutdown up for its
	 * whole grace period.
	 */
	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		this.closed = true;
		List<RunWatcher> watchers = new ArrayList<>(this.followers.stopAll());
		for (LiveRun run : this.live.values()) {
			synchronized (run) {
				watchers.addAll(run.watchers);
				run.watchers.clear();
			}
		}
		watchers.forEach(RunWatcher::closeQuietly);
	}

	@Override
	public void destroy() {
		this.closed = true;
		this.poller.shutdownNow();
		this.dispatcher.shutdownNow();
	}

}

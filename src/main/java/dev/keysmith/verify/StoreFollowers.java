package dev.keysmith.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watchers of runs that are not live in this process: each gets the stored run, then what
 * changes in it, read again every {@link RunEvents#STORE_POLL} until the verdict, and no
 * longer than its watcher is there.
 */
final class StoreFollowers {

	private static final Logger log = LoggerFactory.getLogger(StoreFollowers.class);

	private final Set<Follower> followers = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService poller;

	private final Consumer<Runnable> dispatcher;

	/**
	 * @param poller where the store is read again
	 * @param dispatcher where watchers are called, in order
	 */
	StoreFollowers(ScheduledExecutorService poller, Consumer<Runnable> dispatcher) {
		this.poller = poller;
		this.dispatcher = dispatcher;
	}

	void follow(Supplier<RunView> store, RunWatcher watcher) {
		Follower follower = new Follower(store, watcher);
		this.followers.add(follower);
		look(follower);
	}

	int count() {
		return this.followers.size();
	}

	/** On the dispatcher: drops the followers whose watcher is gone. */
	void heartbeat() {
		for (Follower follower : this.followers) {
			if (!RunWatcher.beat(follower.watcher)) {
				this.followers.remove(follower);
			}
		}
	}

	/** Stops following, and returns the watchers to close. */
	List<RunWatcher> stopAll() {
		List<RunWatcher> watchers = new ArrayList<>();
		for (Follower follower : this.followers) {
			watchers.add(follower.watcher);
		}
		this.followers.clear();
		return watchers;
	}

	/** Sends what changed in the stored run since the last look, and looks again later until it is finished. */
	private void look(Follower follower) {
		if (!this.followers.contains(follower) || !follower.watcher.isOpen()) {
			this.followers.remove(follower);
			return;
		}
		RunView current;
		try {
			current = follower.store.get();
		}
		catch (RuntimeException ex) {
			log.debug("A followed run could not be read: {}", ex.toString());
			lookAgain(follower);
			return;
		}
		List<RunEvent> events = follower.changesUpTo(current);
		this.dispatcher.accept(() -> {
			boolean alive = true;
			for (RunEvent event : events) {
				alive = alive && RunWatcher.deliver(follower.watcher, event);
			}
			if (alive && !current.finished()) {
				lookAgain(follower);
			}
			else {
				this.followers.remove(follower);
			}
		});
	}

	private void lookAgain(Follower follower) {
		try {
			this.poller.schedule(() -> look(follower), RunEvents.STORE_POLL.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			this.followers.remove(follower); // stopping
		}
	}

	private static final class Follower {

		private final Supplier<RunView> store;

		private final RunWatcher watcher;

		private RunView sent;

		Follower(Supplier<RunView> store, RunWatcher watcher) {
			this.store = store;
			this.watcher = watcher;
		}

		/** The events that bring the watcher from what it was sent to {@code current}. */
		List<RunEvent> changesUpTo(RunView current) {
			List<RunEvent> events = new ArrayList<>();
			for (StepView step : current.steps()) {
				if (this.sent == null || !step.equals(this.sent.steps().get(step.position()))) {
					events.add(new RunEvent.StepChanged(step));
				}
			}
			if (current.finished()) {
				events.add(new RunEvent.RunFinished(current));
			}
			this.sent = current;
			return events;
		}

	}

}

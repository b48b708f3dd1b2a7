package dev.keysmith.progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.keysmith.work.BackgroundWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watchers of items that are not live in this process: each gets the stored item, then
 * what changes in it, read again every {@code poll} until it is finished, and no longer
 * than its watcher is there.
 */
final class StoreFollowers<S, E> {

	private static final Logger log = LoggerFactory.getLogger(StoreFollowers.class);

	private final Set<Follower> followers = ConcurrentHashMap.newKeySet();

	private final ProgressModel<S, E> model;

	private final BackgroundWork work;

	private final Duration poll;

	private final Consumer<Runnable> dispatcher;

	/**
	 * @param dispatcher where watchers are called, in order
	 */
	StoreFollowers(ProgressModel<S, E> model, BackgroundWork work, Duration poll, Consumer<Runnable> dispatcher) {
		this.model = model;
		this.work = work;
		this.poll = poll;
		this.dispatcher = dispatcher;
	}

	void follow(Supplier<S> store, Watcher<E> watcher) {
		Follower follower = new Follower(store, watcher);
		this.followers.add(follower);
		look(follower);
	}

	int count() {
		return this.followers.size();
	}

	/** On the ordered thread: drops the followers whose watcher is gone. */
	void heartbeat() {
		for (Follower follower : this.followers) {
			if (!Watcher.beat(follower.watcher)) {
				this.followers.remove(follower);
			}
		}
	}

	/** Stops following, and returns the watchers to close. */
	List<Watcher<E>> stopAll() {
		List<Watcher<E>> watchers = new ArrayList<>();
		for (Follower follower : this.followers) {
			watchers.add(follower.watcher);
		}
		this.followers.clear();
		return watchers;
	}

	/**
	 * Sends what changed in the stored item since the last look, and looks again later
	 * until it is finished.
	 */
	private void look(Follower follower) {
		if (!this.followers.contains(follower) || !follower.watcher.isOpen()) {
			this.followers.remove(follower);
			return;
		}
		S current;
		try {
			current = follower.store.get();
		}
		catch (RuntimeException ex) {
			log.debug("A followed item could not be read: {}", ex.toString());
			lookAgain(follower);
			return;
		}
		List<E> events = this.model.changes(follower.sent, current);
		follower.sent = current;
		this.dispatcher.accept(() -> {
			boolean alive = true;
			for (E event : events) {
				alive = alive && Watcher.deliver(follower.watcher, event);
			}
			if (alive && !this.model.finished(current)) {
				lookAgain(follower);
			}
			else {
				this.followers.remove(follower);
			}
		});
	}

	private void lookAgain(Follower follower) {
		try {
			this.work.after(this.poll, () -> look(follower));
		}
		catch (RejectedExecutionException ex) {
			this.followers.remove(follower); // stopping
		}
	}

	private final class Follower {

		private final Supplier<S> store;

		private final Watcher<E> watcher;

		private S sent;

		Follower(Supplier<S> store, Watcher<E> watcher) {
			this.store = store;
			this.watcher = watcher;
		}

	}

}

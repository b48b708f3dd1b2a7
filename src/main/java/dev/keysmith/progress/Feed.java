package dev.keysmith.progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

import dev.keysmith.work.BackgroundWork;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The live side of one kind of long-running work: the items going on in this process, and
 * who watches them. A watcher first gets the item as it is, then each change; an item
 * that is not live here is replayed from the store, and if it is still going on (on
 * another Keysmith instance sharing the database) the store is read again every
 * {@code storePoll} until it is finished or the watcher is gone. So a reconnecting
 * browser sees the whole of it and never starts anything anew. Events reach watchers on
 * one ordered thread, so that neither the work nor a library's threads ever wait for a
 * slow client. Every watcher gets a heartbeat now and then, so that one whose client went
 * away is noticed and dropped, and all are closed as the application stops, so that open
 * streams do not hold up its shutdown.
 *
 * @param <S> a snapshot of an item
 * @param <E> an event about it
 */
public final class Feed<S, E> implements ApplicationListener<ContextClosedEvent>, DisposableBean {

	private final ProgressModel<S, E> model;

	private final BackgroundWork work;

	private final Map<UUID, Live> live = new ConcurrentHashMap<>();

	private final StoreFollowers<S, E> followers;

	private final ScheduledFuture<?> heartbeats;

	private volatile boolean closed;

	/**
	 * @param storePoll how often an item going on elsewhere is read again from the store
	 * @param heartbeat how often every watcher hears that its stream is alive
	 */
	public Feed(ProgressModel<S, E> model, BackgroundWork work, Duration storePoll, Duration heartbeat) {
		this.model = model;
		this.work = work;
		this.followers = new StoreFollowers<>(model, work, storePoll, this::dispatch);
		this.heartbeats = work.every(heartbeat, "A heartbeat of event streams", () -> dispatch(this::heartbeat));
	}

	/** An item starts here: its watchers follow it live until its last event. */
	public void open(UUID id, S snapshot) {
		this.live.put(id, new Live(snapshot));
	}

	public void publish(UUID id, E event) {
		Live item = this.live.get(id);
		if (item == null) {
			return;
		}
		synchronized (item) {
			item.snapshot = this.model.apply(item.snapshot, event);
			List<Watcher<E>> watchers = List.copyOf(item.watchers);
			dispatch(() -> deliver(item, watchers, event));
			if (this.model.isLast(event)) {
				this.live.remove(id);
			}
		}
	}

	/**
	 * Watches an item: live when it goes on here, else from the store.
	 * @param store reads the item as stored now
	 */
	public void watch(UUID id, Supplier<S> store, Watcher<E> watcher) {
		if (this.closed) {
			Watcher.closeQuietly(watcher);
			return;
		}
		Live item = this.live.get(id);
		if (item != null) {
			synchronized (item) {
				if (!this.model.finished(item.snapshot)) {
					List<E> snapshot = this.model.replay(item.snapshot);
					item.watchers.add(watcher);
					dispatch(() -> {
						for (E event : snapshot) {
							if (!deliver(item, watcher, event)) {
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

	/** How many watchers are registered, of live items and following the store. */
	public int activeFollowers() {
		int count = this.followers.count();
		for (Live item : this.live.values()) {
			synchronized (item) {
				count += item.watchers.size();
			}
		}
		return count;
	}

	/**
	 * On the ordered thread: every watcher hears that its stream is alive; those gone are
	 * dropped.
	 */
	private void heartbeat() {
		for (Live item : this.live.values()) {
			List<Watcher<E>> watchers;
			synchronized (item) {
				watchers = List.copyOf(item.watchers);
			}
			for (Watcher<E> watcher : watchers) {
				if (!Watcher.beat(watcher)) {
					synchronized (item) {
						item.watchers.remove(watcher);
					}
				}
			}
		}
		this.followers.heartbeat();
	}

	private void deliver(Live item, List<Watcher<E>> watchers, E event) {
		for (Watcher<E> watcher : watchers) {
			deliver(item, watcher, event);
		}
	}

	/**
	 * @return whether the watcher is still there; a gone one is dropped
	 */
	private boolean deliver(Live item, Watcher<E> watcher, E event) {
		synchronized (item) {
			if (!item.watchers.contains(watcher)) {
				return false; // it said it was gone while this event waited
			}
		}
		boolean alive = Watcher.deliver(watcher, event);
		if (!alive) {
			synchronized (item) {
				item.watchers.remove(watcher);
			}
		}
		return alive;
	}

	private void dispatch(Runnable task) {
		try {
			this.work.inOrder(task);
		}
		catch (RejectedExecutionException ex) {
			// stopping: the watchers are being closed
		}
	}

	/**
	 * Ends every open stream as the application starts to stop, before the web server
	 * waits for requests in progress: an open stream would otherwise hold the shutdown up
	 * for its whole grace period.
	 */
	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		this.closed = true;
		List<Watcher<E>> watchers = new ArrayList<>(this.followers.stopAll());
		for (Live item : this.live.values()) {
			synchronized (item) {
				watchers.addAll(item.watchers);
				item.watchers.clear();
			}
		}
		watchers.forEach(Watcher::closeQuietly);
	}

	@Override
	public void destroy() {
		this.closed = true;
		this.heartbeats.cancel(false);
	}

	/**
	 * An item going on in this process, as its events have made it so far, and who
	 * watches it.
	 */
	private final class Live {

		private S snapshot;

		/** Guarded by this object. */
		private final List<Watcher<E>> watchers = new ArrayList<>();

		Live(S snapshot) {
			this.snapshot = snapshot;
		}

	}

}

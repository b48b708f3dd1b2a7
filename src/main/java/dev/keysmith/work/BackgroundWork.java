package dev.keysmith.work;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

/**
 * Every thread Keysmith works on in the background, in one place and bounded by
 * {@link WorkProperties}: long jobs on a small pool with a bounded queue, events handed
 * out in order on one thread, periodic tasks on a small scheduler. Nothing else in
 * Keysmith makes threads of its own.
 *
 * <p>
 * A job is admitted before anything about it is stored: {@link #reserve(Duration)} takes
 * a place in the pool or its queue (waiting up to the time given) or says that Keysmith
 * is busy, so that no record is ever marked failed because of a queue that was full.
 *
 * <p>
 * Made after the database's connection pool and so stopped before it: periodic tasks that
 * still ran while the pool closed kept it waiting for their connections (seconds per
 * application context as it stopped).
 */
@Component
@DependsOn("dataSource")
public class BackgroundWork implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(BackgroundWork.class);

	/** How long a caller refused for a full queue is told to wait before trying again. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final ThreadPoolExecutor jobs;

	private final Semaphore places;

	private final ExecutorService ordered;

	private final ThreadPoolExecutor batchItems;

	private final Semaphore batchPlaces;

	private final ScheduledExecutorService scheduler;

	private final ThreadPoolExecutor outbound;

	public BackgroundWork(WorkProperties properties) {
		int threads = Math.max(1, properties.jobThreads());
		// the queue is unbounded: the places decide how many jobs may wait
		this.jobs = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
				threads("job"));
		this.places = new Semaphore(threads + Math.max(0, properties.jobQueue()));
		this.ordered = Executors.newSingleThreadExecutor(threads("events"));
		int batchThreads = Math.max(1, properties.batchThreads());
		this.batchItems = new ThreadPoolExecutor(batchThreads, batchThreads, 1, TimeUnit.MINUTES,
				new LinkedBlockingQueue<>(), threads("batch"));
		this.batchPlaces = new Semaphore(batchThreads);
		this.scheduler = Executors.newScheduledThreadPool(Math.max(1, properties.schedulerThreads()),
				threads("scheduled"));
		// one call at a time, one more waiting; further ones are dropped (the next round
		// makes them)
		this.outbound = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(1),
				threads("outbound"), new ThreadPoolExecutor.DiscardPolicy());
	}

	/**
	 * A place for one job, taken now or within {@code maxWait}.
	 * @throws BusyException when none came free in time
	 */
	public Place reserve(Duration maxWait) {
		try {
			if (!this.places.tryAcquire(Math.max(0, maxWait.toMillis()), TimeUnit.MILLISECONDS)) {
				throw new BusyException("Keysmith is running as many jobs as it takes at once: try again shortly.",
						RETRY_AFTER);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BusyException("Interrupted while waiting for Keysmith to take the job.", RETRY_AFTER);
		}
		return new Place();
	}

	/** Batch items this process could start now on the batch pool. */
	public int batchRoom() {
		return this.batchPlaces.availablePermits();
	}

	/**
	 * Runs one batch item on the batch pool, kept apart from the job pool: a batch item
	 * waits for jobs (its verification), and a job must never wait for a batch item.
	 * @return {@code false} when the pool has no free thread (nothing was started)
	 */
	public boolean tryBatchItem(Runnable task) {
		if (!this.batchPlaces.tryAcquire()) {
			return false;
		}
		try {
			this.batchItems.execute(() -> {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					log.warn("A batch item failed unexpectedly: {}", ex.toString());
				}
				finally {
					this.batchPlaces.release();
				}
			});
			return true;
		}
		catch (RuntimeException ex) {
			this.batchPlaces.release();
			return false;
		}
	}

	/** Runs tasks one after another, in the order given (events to their watchers). */
	public void inOrder(Runnable task) {
		this.ordered.execute(task);
	}

	/**
	 * Runs a task every {@code interval}, first after one interval; failures are logged,
	 * not fatal.
	 */
	public ScheduledFuture<?> every(Duration interval, String what, Runnable task) {
		return this.scheduler.scheduleWithFixedDelay(() -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				log.warn("{} failed this time: {}", what, ex.toString());
			}
		}, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Runs a call to a system outside Keysmith that periodic work makes (a webhook) on a
	 * thread of its own, so that a receiver that is slow to answer never holds up the
	 * scheduler's other tasks (heartbeats above all). One runs at a time and one more may
	 * wait; a call asked for while one waits is dropped, as the next round asks again.
	 */
	public void outbound(String what, Runnable task) {
		this.outbound.execute(() -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				log.warn("{} failed this time: {}", what, ex.toString());
			}
		});
	}

	/** Runs a task once, after {@code delay}. */
	public ScheduledFuture<?> after(Duration delay, Runnable task) {
		return this.scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Jobs running or waiting now. */
	public int jobsInProgress() {
		return this.jobs.getActiveCount() + this.jobs.getQueue().size();
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
		this.outbound.shutdownNow();
		this.ordered.shutdownNow();
		this.batchItems.shutdownNow();
		this.jobs.shutdownNow();
	}

	private static ThreadFactory threads(String name) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, "keysmith-" + name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/** A place taken for one job: start the job in it once, or give it back. */
	public final class Place {

		private boolean used;

		private Place() {
		}

		/** Starts the job; the future completes with its result when it has run. */
		public synchronized <T> CompletableFuture<T> start(Callable<T> job) {
			if (this.used) {
				throw new IllegalStateException("A place runs one job");
			}
			this.used = true;
			CompletableFuture<T> result = new CompletableFuture<>();
			try {
				BackgroundWork.this.jobs.execute(() -> {
					try {
						result.complete(job.call());
					}
					catch (Throwable ex) {
						result.completeExceptionally(ex);
					}
					finally {
						BackgroundWork.this.places.release();
					}
				});
			}
			catch (RuntimeException ex) {
				BackgroundWork.this.places.release();
				throw ex;
			}
			return result;
		}

		/** Gives the place back unused (the job turned out not to be needed). */
		public synchronized void release() {
			if (!this.used) {
				this.used = true;
				BackgroundWork.this.places.release();
			}
		}

	}

}

package dev.keysmith.batch;

import java.util.concurrent.Semaphore;

/**
 * How hard this instance works one ThingsBoard server: a bound on devices at once, and a
 * rate that halves whenever ThingsBoard limits requests or fails (429, 5xx) and grows
 * back by one device per second with each success, up to the configured rate (additive
 * increase, multiplicative decrease). A stage starts no sooner than its turn at the
 * current rate.
 */
final class ServerThrottle {

	private final Semaphore slots;

	private final double maxRate;

	private final double minRate;

	/** Guarded by this. */
	private double rate;

	/** Guarded by this: when the next stage may start. */
	private long nextStartNanos = System.nanoTime();

	ServerThrottle(int maxAtOnce, double maxRate, double minRate) {
		this.slots = new Semaphore(Math.max(1, maxAtOnce));
		this.maxRate = maxRate;
		this.minRate = Math.min(minRate, maxRate);
		this.rate = maxRate;
	}

	/** A slot for one device, if one is free now. */
	boolean trySlot() {
		return this.slots.tryAcquire();
	}

	void releaseSlot() {
		this.slots.release();
	}

	int freeSlots() {
		return this.slots.availablePermits();
	}

	/** Waits for this stage's turn at the current rate. */
	void awaitTurn() throws InterruptedException {
		long wait;
		synchronized (this) {
			long now = System.nanoTime();
			long start = Math.max(now, this.nextStartNanos);
			this.nextStartNanos = start + (long) (1_000_000_000L / this.rate);
			wait = start - now;
		}
		if (wait > 0) {
			Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
		}
	}

	/**
	 * ThingsBoard limited a request or failed: halve the rate.
	 * @return the new rate
	 */
	synchronized double slowDown() {
		this.rate = Math.max(this.minRate, this.rate / 2);
		return this.rate;
	}

	/**
	 * A stage went through: one device per second more, up to the top.
	 * @return the new rate
	 */
	synchronized double speedUp() {
		this.rate = Math.min(this.maxRate, this.rate + 1);
		return this.rate;
	}

	synchronized boolean slowed() {
		return this.rate < this.maxRate;
	}

	synchronized double rate() {
		return this.rate;
	}

}

package dev.keysmith.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.keysmith.instance.Instances;
import dev.keysmith.work.BackgroundWork;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The part of every running batch that this instance does: every
 * {@code keysmith.batch.poll} it claims as many due items as it has room for (the batch's
 * concurrency, the server's bound, free batch threads) and hands each to an
 * {@link ItemWork}. It renews the leases of what it holds, frees those of instances that
 * are gone, and marks a batch completed once nothing is pending. It starts with the
 * application, so a batch left running goes on by itself.
 */
@Component
class BatchEngine {

	/** How often leases of gone instances are looked for, in polls. */
	private static final int GONE_CHECK_POLLS = 20;

	private final BatchStore batches;

	private final ItemStore items;

	private final ItemWork itemWork;

	private final BatchOptionsCodec codec;

	private final BackgroundWork work;

	private final Instances instances;

	private final BatchProperties properties;

	private final Clock clock;

	private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	/** The items a worker of this instance is on: see {@link #inHand(List)}. */
	private final Set<UUID> inHand = ConcurrentHashMap.newKeySet();

	private final Map<Optional<UUID>, ServerThrottle> throttles = new ConcurrentHashMap<>();

	private int polls;

	BatchEngine(BatchStore batches, ItemStore items, ItemWork itemWork, BatchOptionsCodec codec, BackgroundWork work,
			Instances instances, BatchProperties properties, Clock clock) {
		this.batches = batches;
		this.items = items;
		this.itemWork = itemWork;
		this.codec = codec;
		this.work = work;
		this.instances = instances;
		this.properties = properties;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		this.work.every(this.properties.poll(), "Claiming batch items", this::poll);
		Duration renewal = this.properties.lease().dividedBy(3);
		this.work.every(renewal, "Renewing batch item leases",
				() -> this.items.renew(owner(), this.clock.instant().plus(this.properties.lease())));
	}

	/** One look at every running batch: claims and starts what there is room for. */
	synchronized void poll() {
		boolean lookForGone = (this.polls++ % GONE_CHECK_POLLS) == 0;
		for (UUID batchId : this.batches.running()) {
			if (lookForGone) {
				this.items.releaseGone(batchId, owner(), this.instances::isAlive);
			}
			this.batches.find(batchId).ifPresent(this::claim);
		}
	}

	private void claim(BatchRecord batch) {
		AtomicInteger running = this.inFlight.computeIfAbsent(batch.id(), (id) -> new AtomicInteger());
		if (running.get() == 0 && this.batches.pendingCount(batch.id()) == 0) {
			this.batches.move(batch.id(), BatchState.COMPLETED, this.clock.instant(), BatchState.RUNNING);
			this.inFlight.remove(batch.id());
			return;
		}
		BatchOptions options = this.codec.read(batch.options());
		ServerThrottle throttle = throttle(options.serverId());
		int room = Math.min(Math.min(concurrency(options) - running.get(), this.work.batchRoom()),
				throttle.freeSlots());
		if (room <= 0) {
			return;
		}
		Instant now = this.clock.instant();
		List<BatchItem> claimed = inHand(
				this.items.claim(batch.id(), owner(), now, now.plus(this.properties.lease()), room));
		ItemWork.Job job = new ItemWork.Job(batch, options, throttle, owner());
		for (BatchItem item : claimed) {
			if (!throttle.trySlot()) {
				this.inHand.remove(item.id);
				this.items.release(item.id, owner());
				continue;
			}
			running.incrementAndGet();
			boolean started = this.work.tryBatchItem(() -> {
				try {
					// a worker goes on with the batch's next due item at once, rather
					// than at the next poll
					for (BatchItem next = item; next != null; next = next(job, running, options)) {
						try {
							this.itemWork.run(next, job);
						}
						finally {
							this.inHand.remove(next.id);
						}
					}
				}
				finally {
					running.decrementAndGet();
					throttle.releaseSlot();
				}
			});
			if (!started) {
				running.decrementAndGet();
				throttle.releaseSlot();
				this.inHand.remove(item.id);
				this.items.release(item.id, owner());
			}
		}
	}

	/**
	 * The batch's next due item for a worker that just finished one, while the batch runs
	 * and has room for it.
	 */
	private BatchItem next(ItemWork.Job job, AtomicInteger running, BatchOptions options) {
		if (running.get() > concurrency(options) || this.batches.find(job.batch().id())
			.map((batch) -> batch.state() != BatchState.RUNNING)
			.orElse(true)) {
			return null;
		}
		Instant now = this.clock.instant();
		List<BatchItem> claimed = inHand(
				this.items.claim(job.batch().id(), owner(), now, now.plus(this.properties.lease()), 1));
		return claimed.isEmpty() ? null : claimed.get(0);
	}

	/**
	 * The claimed items no worker of this instance is on already. Every worker of an
	 * instance claims under the instance's id, so the database cannot tell them apart:
	 * when a slow try outlives its lease, another worker here could claim the same item
	 * and both would try it (an item allowed 4 tries got 5). An item stays in hand until
	 * its worker lets it go.
	 */
	private List<BatchItem> inHand(List<BatchItem> claimed) {
		List<BatchItem> mine = new ArrayList<>(claimed);
		mine.removeIf((item) -> !this.inHand.add(item.id));
		return mine;
	}

	int concurrency(BatchOptions options) {
		int asked = (options.concurrency() != null) ? options.concurrency() : this.properties.defaultConcurrency();
		return Math.max(1, Math.min(asked, this.properties.maxConcurrency()));
	}

	private ServerThrottle throttle(UUID serverId) {
		return this.throttles.computeIfAbsent(Optional.ofNullable(serverId),
				(id) -> new ServerThrottle(this.properties.maxPerServer(), this.properties.maxRate(),
						this.properties.minRate()));
	}

	private UUID owner() {
		return this.instances.currentInstanceId();
	}

}

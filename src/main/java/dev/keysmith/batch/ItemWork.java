package dev.keysmith.batch;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Moves one claimed item through the stages its batch runs, storing it after each, until
 * it is done, fails, waits for a retry, or its batch is paused or cancelled (then it is
 * given back).
 */
@Component
class ItemWork {

	private static final Logger log = LoggerFactory.getLogger(ItemWork.class);

	private final ItemStages stages;

	private final RenewStage renewal;

	private final ItemStore items;

	private final BatchStore batches;

	private final BatchProperties properties;

	private final Clock clock;

	ItemWork(ItemStages stages, RenewStage renewal, ItemStore items, BatchStore batches, BatchProperties properties,
			Clock clock) {
		this.stages = stages;
		this.renewal = renewal;
		this.items = items;
		this.batches = batches;
		this.properties = properties;
		this.clock = clock;
	}

	/** The batch an item belongs to, as its worker needs it. */
	record Job(BatchRecord batch, BatchOptions options, ServerThrottle throttle, UUID owner) {
	}

	void run(BatchItem item, Job job) {
		try {
			while (true) {
				Stage stage = job.options().next(item.doneState);
				if (stage == null) {
					finish(item, job, item.doneState);
					return;
				}
				if (!stillRunning(job.batch().id())) {
					this.items.release(item.id, job.owner());
					return;
				}
				boolean resumed = item.stage == stage && item.state != ItemState.FAILED;
				item.stage = stage;
				if (stage == Stage.ISSUE && !this.items.save(item, job.owner(), null, null)) {
					return; // the lease went to another instance
				}
				long started = System.nanoTime();
				Outcome outcome;
				try {
					outcome = perform(stage, item, job, resumed);
				}
				catch (RuntimeException ex) {
					// a failure nobody named (a garbled answer, a database hiccup): worth
					// another try
					log.warn("Batch {} item {} ('{}') failed in {}: {}", job.batch().id(), item.line, item.name, stage,
							ex.toString());
					outcome = Outcome.failed("KEYSMITH_ERROR", true,
							"Keysmith failed unexpectedly: " + ex.getMessage());
				}
				long millis = (System.nanoTime() - started) / 1_000_000;
				if (!record(item, job, stage, outcome, millis)) {
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.items.release(item.id, job.owner());
		}
		catch (RuntimeException ex) {
			log.warn("Batch {} item {} ('{}') failed unexpectedly: {}", job.batch().id(), item.line, item.name,
					ex.toString());
			item.state = ItemState.FAILED;
			item.cause = "KEYSMITH_ERROR";
			item.retryable = true;
			item.detail = "Keysmith failed unexpectedly: " + ex.getMessage();
			item.pending = false;
			this.items.save(item, job.owner(), null, this.clock.instant());
		}
	}

	private Outcome perform(Stage stage, BatchItem item, Job job, boolean resumed) throws InterruptedException {
		return switch (stage) {
			case ISSUE ->
				this.stages.issue(item, job.options(), job.batch().createdBy(), resumed, job.batch().createdAt());
			case PUSH -> {
				job.throttle().awaitTurn();
				yield this.stages.push(item, job.options(), job.batch().createdBy());
			}
			case VERIFY -> {
				job.throttle().awaitTurn();
				yield this.stages.verify(item, job.options(), job.batch().createdBy(), (runId) -> {
					item.runId = runId;
					this.items.save(item, job.owner(), null, null);
				});
			}
			case RENEW -> {
				job.throttle().awaitTurn();
				yield this.renewal.renew(item, job.options(), job.batch().createdBy(), job.batch().createdAt(),
						(run) -> {
							item.runId = run.id();
							item.credentialId = run.certificateId();
							this.items.save(item, job.owner(), null, null);
						});
			}
		};
	}

	/**
	 * @return whether the worker goes on with the item
	 */
	private boolean record(BatchItem item, Job job, Stage stage, Outcome outcome, long millis) {
		if (outcome.deviceId() != null) {
			item.deviceId = outcome.deviceId();
		}
		if (outcome.thingsBoardDeviceId() != null) {
			item.thingsBoardDeviceId = outcome.thingsBoardDeviceId();
		}
		if (outcome.runId() != null) {
			item.runId = outcome.runId();
		}
		if (outcome.credentialId() != null) {
			item.credentialId = outcome.credentialId();
		}
		item.detail = outcome.detail();
		Instant now = this.clock.instant();
		switch (outcome.kind()) {
			case DONE -> {
				item.state = stage.done();
				item.doneState = stage.done();
				item.cause = null;
				item.retryable = false;
				item.attempts = 0;
				switch (stage) {
					case ISSUE -> {
						item.issueMillis = millis;
						item.sealedKey = null; // the device holds the key now: the batch
												// keeps no copy
					}
					case PUSH -> item.pushMillis = millis;
					case VERIFY -> item.verifyMillis = millis;
					case RENEW -> item.renewMillis = millis;
				}
				if (stage != Stage.ISSUE) {
					calmer(job);
				}
				boolean last = job.options().next(item.doneState) == null;
				item.pending = !last;
				return this.items.save(item, job.owner(), null, last ? now : null) && !last;
			}
			case SKIPPED -> {
				item.state = ItemState.SKIPPED;
				item.cause = outcome.cause();
				item.pending = false;
				this.items.save(item, job.owner(), null, now);
				return false;
			}
			default -> {
				if (outcome.limited()) {
					slower(job);
				}
				item.attempts++;
				item.cause = outcome.cause();
				item.retryable = outcome.retryable();
				if (outcome.retryable() && item.attempts < this.properties.maxAttempts()) {
					item.state = item.doneState;
					item.detail = "Try " + item.attempts + " failed, trying again: " + outcome.detail();
					if (this.items.save(item, job.owner(), now.plus(this.properties.backoff(item.attempts)), null)) {
						this.items.release(item.id, job.owner());
					}
					return false;
				}
				item.state = ItemState.FAILED;
				item.pending = false;
				this.items.save(item, job.owner(), null, now);
				return false;
			}
		}
	}

	private void finish(BatchItem item, Job job, ItemState state) {
		item.state = state;
		item.pending = false;
		this.items.save(item, job.owner(), null, this.clock.instant());
	}

	private boolean stillRunning(UUID batchId) {
		return this.batches.find(batchId).map((batch) -> batch.state() == BatchState.RUNNING).orElse(false);
	}

	private void slower(Job job) {
		this.batches.note(job.batch().id(), slowedTo(job.throttle().slowDown()));
	}

	/**
	 * A stage went through: a slowed rate grows back, and the page says so until it is at
	 * full speed.
	 */
	private void calmer(Job job) {
		ServerThrottle throttle = job.throttle();
		if (throttle.slowed()) {
			double rate = throttle.speedUp();
			this.batches.note(job.batch().id(), throttle.slowed() ? slowedTo(rate) : null);
		}
	}

	static String slowedTo(double rate) {
		return "ThingsBoard is limiting requests: slowed to %d/s".formatted(Math.max(1, Math.round(rate)));
	}

}

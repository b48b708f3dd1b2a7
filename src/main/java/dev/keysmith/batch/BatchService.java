package dev.keysmith.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.audit.AuditLog;
import dev.keysmith.audit.AuditObject;
import dev.keysmith.common.ConflictException;
import dev.keysmith.common.NotFoundException;
import dev.keysmith.progress.Feed;
import dev.keysmith.progress.Watcher;
import dev.keysmith.vault.KeyVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Batches: made from checked input in one transaction, then steered (pause, resume,
 * cancel, retry) and read.
 */
@Service
class BatchService {

	private static final Logger log = LoggerFactory.getLogger(BatchService.class);

	private final BatchStore batches;

	private final ItemStore items;

	private final BatchOptionsCodec codec;

	private final KeyVault vault;

	private final Feed<BatchView, BatchEvent> feed;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final AuditLog audit;

	BatchService(BatchStore batches, ItemStore items, BatchOptionsCodec codec, KeyVault vault,
			Feed<BatchView, BatchEvent> feed, PlatformTransactionManager transactionManager, Clock clock,
			AuditLog audit) {
		this.audit = audit;
		this.batches = batches;
		this.items = items;
		this.codec = codec;
		this.vault = vault;
		this.feed = feed;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Stores a batch of the rows given, all at once or nothing; it starts running at
	 * once.
	 * @param source where the rows came from: PATTERN, CSV or DEVICES
	 */
	BatchView create(String source, BatchOptions options, List<BatchRow> rows, String actor) {
		Instant now = this.clock.instant();
		UUID id = UUID.randomUUID();
		List<BatchItem> newItems = new ArrayList<>(rows.size());
		for (BatchRow row : rows) {
			newItems.add(item(id, row));
		}
		this.transactions.executeWithoutResult((tx) -> {
			this.batches.insert(new BatchRecord(id, BatchState.RUNNING, source, this.codec.write(options), rows.size(),
					now, actor, now, null, null));
			this.items.insert(newItems);
			record(id, "BATCH_CREATED", actor, rows.size() + " devices, from " + source);
		});
		log.info("Batch {} of {} devices ({}) started by {}", id, rows.size(), source, actor);
		return view(id);
	}

	BatchView view(UUID id) {
		BatchRecord batch = this.batches.find(id)
			.orElseThrow(() -> new NotFoundException("No batch with id '" + id + "'"));
		return view(batch);
	}

	List<BatchView> list() {
		return this.batches.recent(100).stream().map(this::view).toList();
	}

	List<ItemView> items(UUID id, ItemState state, String cause, int page, int size) {
		view(id);
		return this.items.page(id, state, cause, Math.max(0, page), Math.min(Math.max(1, size), 500))
			.stream()
			.map(BatchItem::view)
			.toList();
	}

	BatchView pause(UUID id, String actor) {
		return steer(id, BatchState.PAUSED, actor, "paused", BatchState.RUNNING);
	}

	BatchView resume(UUID id, String actor) {
		return steer(id, BatchState.RUNNING, actor, "resumed", BatchState.PAUSED);
	}

	BatchView cancel(UUID id, String actor) {
		return steer(id, BatchState.CANCELLED, actor, "cancelled", BatchState.RUNNING, BatchState.PAUSED);
	}

	/**
	 * The failed items again, from the stage that failed; a completed batch runs again.
	 */
	BatchView retry(UUID id, boolean retryableOnly, String actor) {
		BatchView batch = view(id);
		if (batch.state() == BatchState.CANCELLED) {
			throw new ConflictException("Batch " + id + " was cancelled: start a new one");
		}
		int again = this.transactions.execute((tx) -> {
			int count = this.items.retry(id, retryableOnly);
			if (count > 0) {
				this.batches.move(id, BatchState.RUNNING, null, BatchState.COMPLETED);
			}
			return count;
		});
		log.info("Batch {}: {} failed items retried{} by {}", id, again, retryableOnly ? " (retryable only)" : "",
				actor);
		record(id, "BATCH_RETRIED", actor, again + " failed items" + (retryableOnly ? " (retryable only)" : ""));
		return view(id);
	}

	/** Records what was done to the batch: its devices' own steps are on their trails. */
	private void record(UUID id, String action, String actor, String detail) {
		this.audit.record(actor, action, new AuditObject("batch", id.toString(), null), detail);
	}

	/** Watches a batch: as it is, then each change until it ends. */
	void watch(UUID id, Watcher<BatchEvent> watcher) {
		view(id);
		this.feed.watch(id, () -> view(id), watcher);
	}

	private BatchView steer(UUID id, BatchState to, String actor, String what, BatchState... from) {
		BatchView batch = view(id);
		if (!this.batches.move(id, to, to.finished() ? this.clock.instant() : null, from)) {
			throw new ConflictException("Batch %s is %s: it cannot be %s".formatted(id, batch.state(), what));
		}
		log.info("Batch {} {} by {}", id, what, actor);
		record(id, "BATCH_" + what.toUpperCase(java.util.Locale.ROOT), actor, null);
		return view(id);
	}

	private BatchView view(BatchRecord batch) {
		Map<ItemState, Long> counts = this.batches.counts(batch.id());
		Map<String, Long> causes = this.batches.failuresByCause(batch.id());
		BatchOptions options = this.codec.read(batch.options());
		Instant end = (batch.finishedAt() != null) ? batch.finishedAt() : this.clock.instant();
		long elapsedMillis = Math.max(0, Duration.between(batch.startedAt(), end).toMillis());
		BatchView partial = new BatchView(batch.id(), batch.state(), batch.source(), batch.createdAt(),
				batch.createdBy(), batch.total(), counts, causes, 0, batch.startedAt(), batch.finishedAt(),
				elapsedMillis / 1000, null, batch.note(), options);
		double perSecond = (elapsedMillis > 0) ? partial.done() * 1000.0 / elapsedMillis : 0;
		Long eta = (batch.state() == BatchState.RUNNING && perSecond > 0) ? Math.round(partial.pending() / perSecond)
				: null;
		return new BatchView(batch.id(), batch.state(), batch.source(), batch.createdAt(), batch.createdBy(),
				batch.total(), counts, causes, Math.round(perSecond * 100) / 100.0, batch.startedAt(),
				batch.finishedAt(), elapsedMillis / 1000, eta, batch.note(), options);
	}

	private BatchItem item(UUID batchId, BatchRow row) {
		BatchItem item = new BatchItem();
		item.id = UUID.randomUUID();
		item.batchId = batchId;
		item.line = row.line();
		item.name = row.name();
		item.label = row.label();
		item.profileId = row.profileId();
		item.certificatePem = row.certificatePem();
		item.csrPem = row.csrPem();
		if (row.key() != null) {
			item.sealedKey = this.vault.seal(row.key(), item.keyContext());
		}
		item.deviceId = row.deviceId();
		item.state = (row.deviceId() != null) ? ItemState.ISSUED : ItemState.QUEUED;
		item.doneState = item.state;
		item.pending = true;
		return item;
	}

}

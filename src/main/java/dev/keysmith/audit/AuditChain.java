package dev.keysmith.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends entries to the hash chain, one at a time: an append locks the chain's head row
 * (SELECT ... FOR UPDATE) in the writing transaction, so that threads and instances
 * sharing the database take turns, and the lock ends with that transaction. Callers
 * record as the last step of a short transaction, never one that waits on another system.
 * <p>
 * The rows written before the chain existed (the migration brought the device trail in)
 * are chained once, in id order, by the first instance that starts after the migration,
 * or by the first append if that comes sooner: whichever holds the head first while it
 * has no hash yet. They get no seal; a sealed {@value #CHAIN_STARTED} entry follows them,
 * so that a chain cleared and started again later shows in the log.
 */
@Component
class AuditChain {

	private static final Logger log = LoggerFactory.getLogger(AuditChain.class);

	/** The action of the entry that says entries without a hash were chained. */
	static final String CHAIN_STARTED = "AUDIT_CHAIN_STARTED";

	private final AuditEventRepository events;

	private final AuditChainHeadRepository heads;

	private final AuditRows rows;

	private final AuditSeal seal;

	private final Clock clock;

	private final TransactionTemplate transactions;

	AuditChain(AuditEventRepository events, AuditChainHeadRepository heads, AuditRows rows, AuditSeal seal, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.events = events;
		this.heads = heads;
		this.rows = rows;
		this.seal = seal;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Writes the entry as the chain's next one, in the caller's transaction or its own.
	 */
	AuditEvent append(AuditEvent event) {
		return this.transactions.execute((status) -> {
			// the caller's own writes go out first: the head is the last lock its
			// transaction takes, so holding it never waits on another lock
			this.events.flush();
			AuditChainHead head = lockedHead();
			AuditEvent saved = this.events.saveAndFlush(event);
			saved.chain(head.lastHash(), this.seal);
			head.advance(saved.getId(), saved.getEntryHash());
			this.events.flush();
			return saved;
		});
	}

	/** Chains the rows written before the chain, if that is not done yet. */
	@EventListener(ApplicationReadyEvent.class)
	void start() {
		try {
			this.transactions.executeWithoutResult((status) -> lockedHead());
		}
		catch (RuntimeException ex) {
			// Keysmith starts all the same: the first append or check chains them
			log.warn("Audit log: the entries from before the hash chain could not be chained now: {}", ex.getMessage());
		}
	}

	/** The head as last committed, without waiting for an append. */
	AuditChainHead head() {
		AuditChainHead head = this.transactions.execute((status) -> this.heads.findById(AuditChainHead.ID))
			.orElseThrow(AuditChain::noHead);
		if (!head.isStarted()) {
			start();
			return head();
		}
		return head;
	}

	private AuditChainHead lockedHead() {
		AuditChainHead head = this.heads.lock().orElseThrow(AuditChain::noHead);
		if (!head.isStarted()) {
			chainEarlierRows(head);
		}
		return head;
	}

	private void chainEarlierRows(AuditChainHead head) {
		String previous = AuditHash.GENESIS;
		long after = 0;
		long count = 0;
		List<AuditRows.Row> page = this.rows.page(after, Long.MAX_VALUE);
		while (!page.isEmpty()) {
			List<String> previousHashes = new ArrayList<>(page.size());
			List<String> hashes = new ArrayList<>(page.size());
			for (AuditRows.Row row : page) {
				previousHashes.add(previous);
				previous = AuditHash.of(row.fields(), previous);
				hashes.add(previous);
				after = row.fields().id();
			}
			this.rows.chain(page, previousHashes, hashes);
			count += page.size();
			page = this.rows.page(after, Long.MAX_VALUE);
		}
		head.advance(after, previous);
		if (count > 0) {
			// said in the log itself, sealed: the same happens if someone clears every
			// hash, seal and the head, and this entry then shows when
			AuditEvent started = this.events.saveAndFlush(new AuditEvent(AuditHash.precise(this.clock.instant()),
					"keysmith", CHAIN_STARTED, AuditObject.NONE, null,
					count + " entries up to entry " + after + " had no hash and were chained now, in id order, "
							+ "without seals; the entries from this one on are sealed"));
			started.chain(previous, this.seal);
			head.advance(started.getId(), started.getEntryHash());
			this.events.flush();
			log.warn(
					"Audit log: {} entries up to entry {} had no hash and are chained now, in id order, without "
							+ "seals (expected once, after an upgrade from a version without the hash chain)",
					count, after);
		}
		this.heads.flush();
	}

	private static IllegalStateException noHead() {
		return new IllegalStateException("The audit chain's head row is missing: the database was not migrated");
	}

}

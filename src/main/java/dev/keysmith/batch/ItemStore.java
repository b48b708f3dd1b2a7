package dev.keysmith.batch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import dev.keysmith.vault.KeyVault;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The items of batches. Items are claimed with row locks that skip rows another instance
 * is claiming at the same moment ({@code FOR UPDATE SKIP LOCKED}, on PostgreSQL and H2
 * alike), and held under a lease: every change a worker stores names it as the lease
 * owner, so that a worker whose lease was taken over stores nothing.
 */
@Repository
class ItemStore {

	private static final String COLUMNS = "id, batch_id, line, name, label, profile_id, certificate_pem, "
			+ "sealed_private_key, vault_key_id, state, done_state, pending, stage, cause, retryable, detail, attempts, "
			+ "device_id, thingsboard_device_id, run_id, issue_millis, push_millis, verify_millis, credential_id, "
			+ "renew_millis, csr_pem";

	private static final int INSERT_CHUNK = 500;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final BatchMetrics metrics;

	ItemStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, BatchMetrics metrics) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.metrics = metrics;
	}

	/**
	 * Stores new items, in chunks (called inside the transaction that stores their
	 * batch).
	 */
	void insert(List<BatchItem> items) {
		String sql = "INSERT INTO batch_item (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
				+ "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
		for (int from = 0; from < items.size(); from += INSERT_CHUNK) {
			List<Object[]> args = new ArrayList<>();
			for (BatchItem item : items.subList(from, Math.min(items.size(), from + INSERT_CHUNK))) {
				args.add(new Object[] { item.id, item.batchId, item.line, item.name, item.label, item.profileId,
						item.certificatePem, (item.sealedKey != null) ? item.sealedKey.ciphertext() : null,
						(item.sealedKey != null) ? item.sealedKey.keyId() : null, item.state.name(),
						item.doneState.name(), item.pending, null, item.cause, item.retryable, item.detail, 0,
						item.deviceId, null, null, null, null, null, null, null, item.csrPem });
			}
			this.jdbc.batchUpdate(sql, args);
		}
	}

	/**
	 * Claims up to {@code limit} pending items of the batch that are due and held by no
	 * one (or by a lease that has ended), for {@code owner} until {@code leaseUntil}.
	 */
	List<BatchItem> claim(UUID batchId, UUID owner, Instant now, Instant leaseUntil, int limit) {
		if (limit <= 0) {
			return List.of();
		}
		return this.transactions.execute((tx) -> {
			List<UUID> ids = this.jdbc.queryForList("SELECT id FROM batch_item WHERE batch_id = ? AND pending = TRUE "
					+ "AND (not_before IS NULL OR not_before <= ?) AND (lease_until IS NULL OR lease_until < ?) "
					+ "ORDER BY line LIMIT ? FOR UPDATE SKIP LOCKED", UUID.class, batchId, BatchStore.time(now),
					BatchStore.time(now), limit);
			List<BatchItem> claimed = new ArrayList<>();
			for (UUID id : ids) {
				// the same conditions again: an item is taken only if it is still free,
				// whatever the database's
				// locks did (two claims in one instance share its owner id, so a lease
				// alone cannot tell them apart)
				int taken = this.jdbc.update(
						"UPDATE batch_item SET lease_owner = ?, lease_until = ? WHERE id = ? "
								+ "AND pending = TRUE AND (not_before IS NULL OR not_before <= ?) "
								+ "AND (lease_until IS NULL OR lease_until < ?)",
						owner, BatchStore.time(leaseUntil), id, BatchStore.time(now), BatchStore.time(now));
				if (taken == 1) {
					claimed.addAll(this.jdbc.query("SELECT " + COLUMNS + " FROM batch_item WHERE id = ?",
							ItemStore::item, id));
				}
			}
			return claimed;
		});
	}

	/**
	 * Stores the item as the worker holding its lease has it now; false when the lease is
	 * no longer its own.
	 */
	boolean save(BatchItem item, UUID owner, Instant notBefore, Instant finishedAt) {
		boolean saved = this.jdbc
			.update("UPDATE batch_item SET state = ?, done_state = ?, pending = ?, stage = ?, cause = ?, "
					+ "retryable = ?, detail = ?, attempts = ?, device_id = ?, thingsboard_device_id = ?, run_id = ?, "
					+ "issue_millis = ?, push_millis = ?, verify_millis = ?, credential_id = ?, renew_millis = ?, "
					+ "not_before = ?, finished_at = ?, sealed_private_key = ?, vault_key_id = ? "
					+ "WHERE id = ? AND lease_owner = ?", item.state.name(), item.doneState.name(), item.pending,
					(item.stage != null) ? item.stage.name() : null, item.cause, item.retryable, shorten(item.detail),
					item.attempts, item.deviceId, item.thingsBoardDeviceId, item.runId, item.issueMillis,
					item.pushMillis, item.verifyMillis, item.credentialId, item.renewMillis, BatchStore.time(notBefore),
					BatchStore.time(finishedAt), (item.sealedKey != null) ? item.sealedKey.ciphertext() : null,
					(item.sealedKey != null) ? item.sealedKey.keyId() : null, item.id, owner) == 1;
		if (saved && finishedAt != null) {
			this.metrics.itemEnded(item.state, item.cause);
		}
		return saved;
	}

	/**
	 * Gives the item back: anyone may claim it again (after {@code notBefore}, when
	 * given).
	 */
	void release(UUID itemId, UUID owner) {
		this.jdbc.update(
				"UPDATE batch_item SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?", itemId,
				owner);
	}

	/** Renews the leases of everything this instance holds. */
	void renew(UUID owner, Instant leaseUntil) {
		this.jdbc.update("UPDATE batch_item SET lease_until = ? WHERE lease_owner = ? AND pending = TRUE",
				BatchStore.time(leaseUntil), owner);
	}

	/**
	 * Frees the leases held by instances that are gone (crashed or stopped), so that
	 * others go on at once.
	 */
	int releaseGone(UUID batchId, UUID self, Predicate<UUID> alive) {
		int released = 0;
		for (UUID owner : this.jdbc.queryForList(
				"SELECT DISTINCT lease_owner FROM batch_item WHERE batch_id = ? "
						+ "AND pending = TRUE AND lease_owner IS NOT NULL AND lease_owner <> ?",
				UUID.class, batchId, self)) {
			if (!alive.test(owner)) {
				released += this.jdbc.update("UPDATE batch_item SET lease_owner = NULL, lease_until = NULL "
						+ "WHERE batch_id = ? AND lease_owner = ?", batchId, owner);
			}
		}
		return released;
	}

	/**
	 * The failed items again, from the stage that failed: all, or those whose cause is
	 * worth retrying.
	 */
	int retry(UUID batchId, boolean retryableOnly) {
		return this.jdbc.update("UPDATE batch_item SET state = done_state, pending = TRUE, cause = NULL, "
				+ "retryable = FALSE, detail = NULL, attempts = 0, not_before = NULL, finished_at = NULL, "
				+ "lease_owner = NULL, lease_until = NULL WHERE batch_id = ? AND state = 'FAILED'"
				+ (retryableOnly ? " AND retryable = TRUE" : ""), batchId);
	}

	/** One page of items, in line order, optionally of one state and one cause. */
	List<BatchItem> page(UUID batchId, ItemState state, String cause, int page, int size) {
		List<Object> args = new ArrayList<>(List.of(batchId));
		StringBuilder where = new StringBuilder("batch_id = ?");
		if (state != null) {
			where.append(" AND state = ?");
			args.add(state.name());
		}
		if (cause != null && !cause.isBlank()) {
			where.append(" AND cause = ?");
			args.add(cause.strip());
		}
		args.add(size);
		args.add((long) page * size);
		return this.jdbc.query(
				"SELECT " + COLUMNS + " FROM batch_item WHERE " + where + " ORDER BY line LIMIT ? OFFSET ?",
				ItemStore::item, args.toArray());
	}

	/**
	 * The items after a line, in line order: how downloads go through a batch without
	 * holding it whole.
	 */
	List<BatchItem> after(UUID batchId, int line, int limit) {
		return this.jdbc.query(
				"SELECT " + COLUMNS + " FROM batch_item WHERE batch_id = ? AND line > ? ORDER BY line " + "LIMIT ?",
				ItemStore::item, batchId, line, limit);
	}

	private static String shorten(String text) {
		return (text != null && text.length() > 1000) ? text.substring(0, 999) + "…" : text;
	}

	private static BatchItem item(ResultSet rs, int row) throws SQLException {
		BatchItem item = new BatchItem();
		item.id = rs.getObject("id", UUID.class);
		item.batchId = rs.getObject("batch_id", UUID.class);
		item.line = rs.getInt("line");
		item.name = rs.getString("name");
		item.label = rs.getString("label");
		item.profileId = rs.getString("profile_id");
		item.certificatePem = rs.getString("certificate_pem");
		String sealed = rs.getString("sealed_private_key");
		item.sealedKey = (sealed != null) ? new KeyVault.Sealed(rs.getString("vault_key_id"), sealed) : null;
		item.state = ItemState.valueOf(rs.getString("state"));
		item.doneState = ItemState.valueOf(rs.getString("done_state"));
		item.pending = rs.getBoolean("pending");
		String stage = rs.getString("stage");
		item.stage = (stage != null) ? Stage.valueOf(stage) : null;
		item.cause = rs.getString("cause");
		item.retryable = rs.getBoolean("retryable");
		item.detail = rs.getString("detail");
		item.attempts = rs.getInt("attempts");
		item.deviceId = rs.getObject("device_id", UUID.class);
		item.thingsBoardDeviceId = rs.getString("thingsboard_device_id");
		item.runId = rs.getObject("run_id", UUID.class);
		item.issueMillis = (Long) rs.getObject("issue_millis", Long.class);
		item.pushMillis = (Long) rs.getObject("push_millis", Long.class);
		item.verifyMillis = (Long) rs.getObject("verify_millis", Long.class);
		item.credentialId = rs.getObject("credential_id", UUID.class);
		item.renewMillis = (Long) rs.getObject("renew_millis", Long.class);
		item.csrPem = rs.getString("csr_pem");
		return item;
	}

}

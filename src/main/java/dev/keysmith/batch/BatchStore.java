package dev.keysmith.batch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/** The batch table, and counts over its items. */
@Repository
class BatchStore {

	private static final String COLUMNS = "id, state, source, options, total, created_at, created_by, started_at, "
			+ "finished_at, note";

	private final JdbcTemplate jdbc;

	BatchStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void insert(BatchRecord batch) {
		this.jdbc.update("INSERT INTO batch (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch.id(),
				batch.state().name(), batch.source(), batch.options(), batch.total(), time(batch.createdAt()),
				batch.createdBy(), time(batch.startedAt()), time(batch.finishedAt()), batch.note());
	}

	Optional<BatchRecord> find(UUID id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM batch WHERE id = ?", BatchStore::batch, id)
			.stream()
			.findFirst();
	}

	List<BatchRecord> recent(int limit) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM batch ORDER BY created_at DESC LIMIT ?", BatchStore::batch,
				limit);
	}

	List<UUID> running() {
		return this.jdbc.queryForList("SELECT id FROM batch WHERE state = 'RUNNING' ORDER BY created_at", UUID.class);
	}

	/**
	 * Moves the batch from one of the states given to another; false when it was in none
	 * of them.
	 */
	boolean move(UUID id, BatchState to, Instant finishedAt, BatchState... from) {
		StringBuilder in = new StringBuilder();
		for (BatchState state : from) {
			in.append(in.isEmpty() ? "'" : ", '").append(state.name()).append("'");
		}
		return this.jdbc.update("UPDATE batch SET state = ?, finished_at = ? WHERE id = ? AND state IN (" + in + ")",
				to.name(), time(finishedAt), id) == 1;
	}

	void note(UUID id, String note) {
		this.jdbc.update("UPDATE batch SET note = ? WHERE id = ?", note, id);
	}

	Map<ItemState, Long> counts(UUID id) {
		Map<ItemState, Long> counts = new EnumMap<>(ItemState.class);
		for (ItemState state : ItemState.values()) {
			counts.put(state, 0L);
		}
		this.jdbc.query("SELECT state, COUNT(*) FROM batch_item WHERE batch_id = ? GROUP BY state",
				(RowCallbackHandler) (rs) -> counts.put(ItemState.valueOf(rs.getString(1)), rs.getLong(2)), id);
		return counts;
	}

	Map<String, Long> failuresByCause(UUID id) {
		Map<String, Long> causes = new LinkedHashMap<>();
		this.jdbc.query(
				"SELECT cause, COUNT(*) FROM batch_item WHERE batch_id = ? AND state = 'FAILED' "
						+ "GROUP BY cause ORDER BY COUNT(*) DESC, cause",
				(RowCallbackHandler) (rs) -> causes.put(rs.getString(1), rs.getLong(2)), id);
		return causes;
	}

	/**
	 * Items done with (reached their last stage, failed or skipped) and when the last of
	 * them was.
	 */
	long pendingCount(UUID id) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM batch_item WHERE batch_id = ? AND pending = TRUE",
				Long.class, id);
		return (count != null) ? count : 0;
	}

	static OffsetDateTime time(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	private static BatchRecord batch(ResultSet rs, int row) throws SQLException {
		return new BatchRecord(rs.getObject("id", UUID.class), BatchState.valueOf(rs.getString("state")),
				rs.getString("source"), rs.getString("options"), rs.getInt("total"), instant(rs, "created_at"),
				rs.getString("created_by"), instant(rs, "started_at"), instant(rs, "finished_at"),
				rs.getString("note"));
	}

}

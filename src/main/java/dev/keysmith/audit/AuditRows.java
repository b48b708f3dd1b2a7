package dev.keysmith.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit table read in id order, a page at a time and without the persistence context,
 * so that walking the whole chain holds one page in memory.
 */
@Component
class AuditRows {

	static final int PAGE = 500;

	private static final String COLUMNS = "id, occurred_at, actor, action, object_type, object_id, object_name, "
			+ "client_address, detail, previous_hash, entry_hash, entry_seal";

	private final JdbcTemplate jdbc;

	AuditRows(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The next page of rows after {@code afterId}, up to {@code lastId}, in id order. */
	List<Row> page(long afterId, long lastId) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM audit_event WHERE id > ? AND id <= ? ORDER BY id "
				+ "FETCH FIRST " + PAGE + " ROWS ONLY", AuditRows::row, afterId, lastId);
	}

	/** The first row after {@code afterId} that is not chained, if any. */
	Long firstUnchainedAfter(long afterId) {
		return this.jdbc.queryForObject("SELECT MIN(id) FROM audit_event WHERE id > ? AND entry_hash IS NULL",
				Long.class, afterId);
	}

	/** The first row after {@code afterId}, chained or not, if any. */
	Long firstAfter(long afterId) {
		return this.jdbc.queryForObject("SELECT MIN(id) FROM audit_event WHERE id > ?", Long.class, afterId);
	}

	/** Links the rows into the chain, in one batch. */
	void chain(List<Row> rows, List<String> previousHashes, List<String> hashes) {
		List<Object[]> updates = new java.util.ArrayList<>(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			updates.add(new Object[] { previousHashes.get(i), hashes.get(i), rows.get(i).fields().id() });
		}
		this.jdbc.batchUpdate("UPDATE audit_event SET previous_hash = ?, entry_hash = ? WHERE id = ?", updates);
	}

	private static Row row(ResultSet rs, int index) throws SQLException {
		return new Row(
				new AuditHash.Fields(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
						rs.getString("actor"), rs.getString("action"), rs.getString("object_type"),
						rs.getString("object_id"), rs.getString("object_name"), rs.getString("client_address"),
						rs.getString("detail")),
				rs.getString("previous_hash"), rs.getString("entry_hash"), rs.getString("entry_seal"));
	}

	/** One stored row: its fields, its links and its seal as stored. */
	record Row(AuditHash.Fields fields, String previousHash, String entryHash, String entrySeal) {
	}

}

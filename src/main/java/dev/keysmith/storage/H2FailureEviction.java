package dev.keysmith.storage;

import java.sql.SQLException;
import java.util.Set;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells the connection pool to drop a connection whose H2 database failed under it. When
 * a write fails (a full disk, for one), H2 closes that database for good: its sessions
 * answer "The database has been closed" (90098) while still passing the JDBC validity
 * check, and a session whose commit or rollback failed may even hang on its next
 * statement. Once such connections are dropped, the next one opens the database file
 * again, with every commit H2 had acknowledged, so Keysmith carries on by itself once
 * space is freed.
 */
public class H2FailureEviction implements SQLExceptionOverride {

	/**
	 * H2's states for: the database is closed, an I/O error, a general (internal) error
	 * such as a failed commit.
	 */
	static final Set<String> FAILED_DATABASE_STATES = Set.of("90098", "90028", "HY000");

	@java.lang.Override
	public SQLExceptionOverride.Override adjudicate(SQLException ex) {
		return FAILED_DATABASE_STATES.contains(ex.getSQLState()) ? SQLExceptionOverride.Override.MUST_EVICT
				: SQLExceptionOverride.Override.CONTINUE_EVICT;
	}

}

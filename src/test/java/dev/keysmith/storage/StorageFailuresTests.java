package dev.keysmith.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are the database's or the disk's, judged on real H2 errors. */
class StorageFailuresTests {

	@TempDir
	Path dataDir;

	@Test
	void isUniqueViolationWhenNameTakenThenTrueWhenValueTooLongThenFalse() throws SQLException {
		SQLException duplicate = h2Error("INSERT INTO t VALUES ('taken')");
		SQLException tooLong = h2Error("INSERT INTO t VALUES ('" + "x".repeat(20) + "')");

		assertThat(StorageFailures.isUniqueViolation(new DataIntegrityViolationException("insert", duplicate)))
			.isTrue();
		assertThat(StorageFailures.isUniqueViolation(new DataIntegrityViolationException("insert", tooLong))).isFalse();
	}

	@Test
	void explainWhenValueRefusedThenNotAStorageFailure() throws SQLException {
		StorageFailures failures = new StorageFailures(this.dataDir, DataSize.ofMegabytes(1));
		SQLException tooLong = h2Error("INSERT INTO t VALUES ('" + "x".repeat(20) + "')");

		assertThat(failures.explain(new DataIntegrityViolationException("insert", tooLong))).isEmpty();
		assertThat(failures.explain(new IllegalArgumentException("not the database's"))).isEmpty();
	}

	@Test
	void explainWhenWriteFailedForLackOfSpaceThenDiskFull() {
		StorageFailures failures = new StorageFailures(this.dataDir, DataSize.ofMegabytes(1));
		SQLException failedWrite = new SQLException("General error", "HY000", 50000,
				new IOException("No space left on device"));

		assertThat(failures.explain(new TransactionSystemException("commit failed", failedWrite)))
			.hasValueSatisfying((message) -> assertThat(message)
				.startsWith("Keysmith cannot write to its data directory: the disk is full"));
	}

	@Test
	void explainWhenDatabaseFailsWithSpaceLeftThenDatabaseFailedElseDiskFull() {
		SQLException closed = new SQLException("The database has been closed", "90098", 90098);
		DataAccessResourceFailureException failure = new DataAccessResourceFailureException("closed", closed);

		assertThat(new StorageFailures(this.dataDir, DataSize.ofMegabytes(1)).explain(failure))
			.hasValueSatisfying((message) -> assertThat(message).startsWith("Keysmith cannot use its database"));
		// less free space than the health check wants: the disk is the likely cause, and
		// it is said
		assertThat(new StorageFailures(this.dataDir, DataSize.ofTerabytes(1024)).explain(failure))
			.hasValueSatisfying((message) -> assertThat(message).startsWith(StorageFailures.DISK_FULL));
	}

	private static SQLException h2Error(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:storage-failures;DB_CLOSE_DELAY=-1");
				Statement statement = connection.createStatement()) {
			statement
				.execute("CREATE TABLE IF NOT EXISTS t (name VARCHAR(10) NOT NULL, CONSTRAINT uk_t UNIQUE (name))");
			statement.execute("MERGE INTO t KEY (name) VALUES ('taken')");
			try {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				return ex;
			}
		}
		throw new AssertionError("H2 took " + sql);
	}

}

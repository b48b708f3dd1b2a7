package dev.keysmith.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.util.unit.DataSize;

/**
 * Tells a failure of the database or of the disk under it from everything else, and says
 * it plainly. The disk counts as full when the failure says so (ENOSPC) or when the data
 * directory has less free space than the health check's threshold.
 */
@Component
public class StorageFailures {

	public static final String DISK_FULL = "Keysmith cannot write to its data directory: the disk is full";

	public static final String DATABASE_FAILED = "Keysmith cannot use its database right now";

	public static final String LOGIN_UNCHECKED = "Keysmith cannot read its database, so it cannot check passwords "
			+ "right now";

	private static final Logger log = LoggerFactory.getLogger(StorageFailures.class);

	/**
	 * The SQL standard's state for a unique constraint violation, as H2 and PostgreSQL
	 * report it.
	 */
	private static final String UNIQUE_VIOLATION = "23505";

	private final Path dataDirectory;

	private final DataSize minimumFree;

	StorageFailures(@Value("${keysmith.data-dir}") Path dataDirectory,
			@Value("${management.health.diskspace.threshold:10MB}") DataSize minimumFree) {
		this.dataDirectory = dataDirectory;
		this.minimumFree = minimumFree;
	}

	/**
	 * Whether the database refused a row because another one holds the same unique value.
	 */
	public static boolean isUniqueViolation(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = next(cause)) {
			if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What to tell the user when {@code ex} is a failure of the database or its disk;
	 * empty for anything else, a refused value included.
	 */
	public Optional<String> explain(Throwable ex) {
		if (!isStorageFailure(ex)) {
			return Optional.empty();
		}
		return Optional.of(diskFull(ex) ? DISK_FULL + ". Free some space: Keysmith carries on by itself."
				: DATABASE_FAILED + "; the server log has the details.");
	}

	/**
	 * What to tell someone whose login could not be checked because the account lookup
	 * failed (the password may well be right), and a line for the server log.
	 */
	public String explainLogin(Throwable ex) {
		log.warn("A login could not be checked: {}", rootMessage(ex));
		if (!isStorageFailure(ex)) {
			return "Keysmith could not check the password: it failed unexpectedly; the server log has the details.";
		}
		return LOGIN_UNCHECKED + (diskFull(ex) ? ": the disk of its data directory is full."
				: ". Try again shortly; the server log has the details.");
	}

	/** The short reason for the log: the deepest cause's message. */
	public static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (next(root) != null) {
			root = next(root);
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	private boolean isStorageFailure(Throwable ex) {
		boolean database = false;
		boolean refusedValue = false;
		for (Throwable cause = ex; cause != null; cause = next(cause)) {
			database |= cause instanceof DataAccessException || cause instanceof TransactionException
					|| cause instanceof SQLException;
			refusedValue |= cause instanceof DataIntegrityViolationException;
		}
		// a value the schema refuses is the request's fault, not the database's, unless
		// the disk is full
		return database && (!refusedValue || diskFull(ex));
	}

	private boolean diskFull(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = next(cause)) {
			if (cause instanceof IOException && cause.getMessage() != null
					&& cause.getMessage().contains("No space left on device")) {
				return true;
			}
		}
		return lowOnSpace();
	}

	private boolean lowOnSpace() {
		try {
			return Files.getFileStore(this.dataDirectory).getUsableSpace() < this.minimumFree.toBytes();
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Throwable next(Throwable ex) {
		Throwable cause = ex.getCause();
		return (cause != ex) ? cause : null;
	}

}

package dev.keysmith.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.keysmith.audit.AuditEvent;
import dev.keysmith.audit.AuditLog;
import dev.keysmith.common.ConflictException;
import dev.keysmith.vault.KeyVault;
import dev.keysmith.vault.SealedRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Makes consistent online backups of the H2 database: H2 copies the database as it is at
 * one moment while writes go on, and the copy is sealed into a backup file in a working
 * folder inside the data directory (owner-only), streamed out, then deleted. Every backup
 * is audited.
 */
@Service
class BackupService {

	static final String ACTION = "BACKUP_CREATED";

	static final String POSTGRES = "This Keysmith keeps its data in PostgreSQL: back it up with pg_dump and restore "
			+ "it with pg_restore, as the README's \"Backup and restore\" section says. The backup here copies the "
			+ "embedded H2 database only.";

	private static final Logger log = LoggerFactory.getLogger(BackupService.class);

	private static final String WORK_PREFIX = ".backup-";

	private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
		.withZone(ZoneOffset.UTC);

	private final JdbcTemplate jdbc;

	private final KeyVault vault;

	private final ObjectProvider<SealedRecords> sealedRecords;

	private final AuditLog audit;

	private final Clock clock;

	private final Path dataDir;

	BackupService(JdbcTemplate jdbc, KeyVault vault, ObjectProvider<SealedRecords> sealedRecords, AuditLog audit,
			Clock clock, @Value("${keysmith.data-dir}") String dataDir) {
		this.jdbc = jdbc;
		this.vault = vault;
		this.sealedRecords = sealedRecords;
		this.audit = audit;
		this.clock = clock;
		this.dataDir = Path.of(dataDir);
	}

	/**
	 * Whether the database is the embedded H2 one this backup copies (not PostgreSQL).
	 */
	boolean isAvailable() {
		String product = this.jdbc
			.execute((ConnectionCallback<String>) (c) -> c.getMetaData().getDatabaseProductName());
		return "H2".equals(product);
	}

	/** The latest backups made: who, when, how big. */
	List<AuditEvent> recent() {
		return this.audit.recent(ACTION, 10);
	}

	/** Makes a backup, audits it, and hands it over to be sent; the caller closes it. */
	PreparedBackup create(String actor) {
		if (!isAvailable()) {
			throw new ConflictException(POSTGRES);
		}
		Path work = newWorkDir();
		try {
			Path snapshot = work.resolve("snapshot.zip");
			this.jdbc.execute("BACKUP TO '" + snapshot.toAbsolutePath().toString().replace("'", "''") + "'");
			Instant at = this.clock.instant();
			String name = "keysmith-backup-" + FILE_TIME.format(at) + ".zip";
			Path file = work.resolve(name);
			BackupManifest manifest = BackupManifest.begin(at, actor, keysmithVersion(), this.vault.keyId(),
					vaultKeyIdsInUse());
			try (ZipFile copy = new ZipFile(snapshot.toFile());
					InputStream database = copy.getInputStream(databaseIn(copy))) {
				manifest = BackupArchive.write(file, database, manifest, this.vault);
			}
			Files.delete(snapshot);
			long size = Files.size(file);
			this.audit.record(actor, ACTION, "database", name, "%d bytes; the database in it: %d bytes, SHA-256 %s"
				.formatted(size, manifest.databaseSize(), manifest.databaseSha256()));
			log.info("Backup {} made by {}: {} bytes", name, actor, size);
			return new PreparedBackup(file, name, size, work);
		}
		catch (IOException | RuntimeException ex) {
			PreparedBackup.delete(work);
			if (ex instanceof IOException io) {
				throw new UncheckedIOException("The backup could not be written: " + io.getMessage(), io);
			}
			throw (RuntimeException) ex;
		}
	}

	/** Working folders a stopped process left behind. */
	@EventListener(ApplicationReadyEvent.class)
	void removeLeftovers() throws IOException {
		if (!Files.isDirectory(this.dataDir)) {
			return;
		}
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(this.dataDir, WORK_PREFIX + "*")) {
			leftovers.forEach(PreparedBackup::delete);
		}
	}

	static String keysmithVersion() {
		String version = BackupService.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "development";
	}

	private List<String> vaultKeyIdsInUse() {
		TreeSet<String> ids = new TreeSet<>();
		this.sealedRecords.orderedStream().forEach((records) -> ids.addAll(records.vaultKeyIdsInUse()));
		return List.copyOf(ids);
	}

	private Path newWorkDir() {
		try {
			if (!this.dataDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
				return Files.createTempDirectory(this.dataDir, WORK_PREFIX);
			}
			return Files.createTempDirectory(this.dataDir, WORK_PREFIX,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No room for a backup in " + this.dataDir + ": " + ex.getMessage(), ex);
		}
	}

	private static ZipEntry databaseIn(ZipFile copy) throws IOException {
		return copy.stream()
			.filter((entry) -> entry.getName().endsWith(".mv.db"))
			.findFirst()
			.orElseThrow(() -> new IOException("H2's copy holds no database file"));
	}

}

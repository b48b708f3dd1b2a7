package dev.keysmith.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.keysmith.vault.KeyVault;
import dev.keysmith.vault.MasterKeys;
import dev.keysmith.vault.VaultException;
import dev.keysmith.vault.VaultProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One restore of a backup file into an empty data directory. Everything is checked before
 * anything is written: the data directory is empty, the file is a whole Keysmith backup,
 * the configured master key is the one its data needs, its seal holds, and its database
 * is the one its manifest describes. Only then is the database written, beside its final
 * name, and moved there.
 */
final class Restore {

	private static final Logger log = LoggerFactory.getLogger(Restore.class);

	private static final String H2_FILE_URL = "jdbc:h2:file:";

	/** What a fresh file system or volume may hold in an otherwise empty folder. */
	private static final Set<String> NOT_DATA = Set.of("lost+found");

	private final Path backup;

	private final Path dataDir;

	private final String datasourceUrl;

	private final VaultProperties vault;

	Restore(Path backup, Path dataDir, String datasourceUrl, VaultProperties vault) {
		this.backup = backup;
		this.dataDir = dataDir;
		this.datasourceUrl = datasourceUrl;
		this.vault = vault;
	}

	BackupManifest run() {
		Path database = h2DatabaseFile();
		refuseDataThere(database);
		if (!Files.isRegularFile(this.backup) || !Files.isReadable(this.backup)) {
			throw BackupArchive.refused(this.backup, "the file does not exist or cannot be read");
		}
		BackupManifest manifest = BackupArchive.readManifest(this.backup);
		if (manifest.formatVersion() != BackupManifest.FORMAT_VERSION) {
			throw BackupArchive.refused(this.backup,
					"it is a backup of format %d, made by Keysmith %s, and this Keysmith "
						.formatted(manifest.formatVersion(), manifest.keysmithVersion()) + "("
							+ BackupService.keysmithVersion() + ") restores format " + BackupManifest.FORMAT_VERSION
							+ " only");
		}
		KeyVault key = masterKeyFor(manifest);
		BackupArchive.checkSeal(this.backup, key);
		BackupArchive.copyDatabase(this.backup, manifest, null);
		write(manifest, database);
		log.info("Restored the backup {} (made {} by {} with Keysmith {}) into {}; Keysmith starts on it", this.backup,
				manifest.createdAt(), manifest.createdBy(), manifest.keysmithVersion(), database);
		return manifest;
	}

	/**
	 * The database file of the configured H2 database: the URL's path, with H2's file
	 * suffix.
	 */
	private Path h2DatabaseFile() {
		if (!this.datasourceUrl.startsWith(H2_FILE_URL)) {
			throw new RestoreRefusedException(
					"--" + RestoreOnStartup.PROPERTY + " restores the embedded H2 database, "
							+ "but this Keysmith is configured for another database ("
							+ this.datasourceUrl.split("[;?]")[0] + "). Nothing was changed.",
					"For PostgreSQL, restore a pg_dump file with pg_restore, as the README's \"Backup and restore\" "
							+ "section says, and start Keysmith without --" + RestoreOnStartup.PROPERTY + ".");
		}
		String path = this.datasourceUrl.substring(H2_FILE_URL.length()).split(";")[0];
		return Path.of(path + ".mv.db").toAbsolutePath().normalize();
	}

	private void refuseDataThere(Path database) {
		List<String> found = new java.util.ArrayList<>();
		if (Files.exists(database)) {
			found.add(database.getFileName().toString());
		}
		if (Files.isDirectory(this.dataDir)) {
			Path keyFile = (this.vault.keyFile() != null) ? this.vault.keyFile().toAbsolutePath().normalize() : null;
			try (Stream<Path> entries = Files.list(this.dataDir)) {
				entries.filter((entry) -> !entry.toAbsolutePath().normalize().equals(keyFile))
					.map((entry) -> entry.getFileName().toString())
					.filter((name) -> !NOT_DATA.contains(name) && !found.contains(name))
					.sorted()
					.forEach(found::add);
			}
			catch (IOException ex) {
				throw new RestoreRefusedException("The data directory " + this.dataDir + " cannot be read: "
						+ ex.getMessage() + ". Nothing was changed.",
						"Give Keysmith an empty data directory it can write.");
			}
		}
		else if (Files.exists(this.dataDir)) {
			found.add(this.dataDir.getFileName().toString() + " (a file, not a directory)");
		}
		if (!found.isEmpty()) {
			throw new RestoreRefusedException(
					("The data directory %s is not empty (it holds %s): a backup is restored "
							+ "only into an empty data directory, so that nothing is overwritten. Nothing was changed.")
						.formatted(this.dataDir,
								String.join(", ", found.subList(0, Math.min(found.size(), 5)))
										+ ((found.size() > 5) ? ", …" : "")),
					"Choose an empty data directory (KEYSMITH_DATA_DIR) for the restore; it may hold the master key "
							+ "file. To start on the data that is there, start without --" + RestoreOnStartup.PROPERTY
							+ ".");
		}
	}

	private KeyVault masterKeyFor(BackupManifest manifest) {
		Optional<KeyVault> configured;
		try {
			configured = MasterKeys.configured(this.vault);
		}
		catch (VaultException ex) {
			throw new RestoreRefusedException(ex.getMessage() + ". Nothing was changed.", giveTheKey(manifest));
		}
		Set<String> needed = new TreeSet<>(manifest.vaultKeyIds());
		needed.add(manifest.masterKeyId());
		if (configured.isEmpty()) {
			throw new RestoreRefusedException("No master key is configured, and the backup %s needs master key %s. "
				.formatted(this.backup, String.join(", ", needed)) + "Nothing was changed.", giveTheKey(manifest));
		}
		String keyId = configured.get().keyId();
		if (!needed.equals(Set.of(keyId))) {
			throw new RestoreRefusedException(("The backup %s was made with master key %s, but the configured master "
					+ "key is %s: the wrong key would leave its private keys and passwords unreadable. Nothing was "
					+ "changed.")
				.formatted(this.backup, String.join(", ", needed), keyId), giveTheKey(manifest));
		}
		return configured.get();
	}

	private String giveTheKey(BackupManifest manifest) {
		return "Set KEYSMITH_MASTER_KEY to the master key %s kept with this backup (or put it in the key file %s), "
			.formatted(manifest.masterKeyId(), this.vault.keyFile()) + "then start again with --"
				+ RestoreOnStartup.PROPERTY + ".";
	}

	private void write(BackupManifest manifest, Path database) {
		List<Path> created = new java.util.ArrayList<>();
		Path partial = database.resolveSibling(database.getFileName() + ".restoring");
		try {
			createDirectories(this.dataDir.toAbsolutePath().normalize(), created);
			createDirectories(database.getParent(), created);
			try (OutputStream out = Files.newOutputStream(createFile(partial), StandardOpenOption.WRITE)) {
				BackupArchive.copyDatabase(this.backup, manifest, out);
			}
			try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			Files.move(partial, database, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException | RuntimeException ex) {
			undo(partial, created);
			if (ex instanceof RestoreRefusedException refused) {
				throw refused;
			}
			throw new RestoreRefusedException("The backup " + this.backup + " could not be written to " + database
					+ ": " + ex.getMessage() + ". Nothing was changed.",
					"Give Keysmith an empty data directory it can write.");
		}
	}

	/**
	 * Removes what a failed restore wrote: the partial database, then the folders it
	 * made, innermost first.
	 */
	private static void undo(Path partial, List<Path> created) {
		try {
			Files.deleteIfExists(partial);
			for (int i = created.size() - 1; i >= 0; i--) {
				Files.deleteIfExists(created.get(i));
			}
		}
		catch (IOException ex) {
			log.warn("Could not remove {} after a failed restore: {}", partial, ex.getMessage());
		}
	}

	/** Creates the folder and any missing parent, owner-only, noting each one it made. */
	private static void createDirectories(Path dir, List<Path> created) throws IOException {
		if (Files.isDirectory(dir)) {
			return;
		}
		createDirectories(dir.getParent(), created);
		Files.createDirectory(dir, ownerOnly(dir, "rwx------"));
		created.add(dir);
	}

	private static Path createFile(Path file) throws IOException {
		try {
			return Files.createFile(file, ownerOnly(file, "rw-------"));
		}
		catch (FileAlreadyExistsException ex) {
			throw new IOException(file + " exists (left by a restore that stopped half-way?): delete it", ex);
		}
	}

	private static FileAttribute<?>[] ownerOnly(Path path, String permissions) {
		if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[0];
		}
		return new FileAttribute<?>[] {
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) };
	}

}

package dev.keysmith.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Keeps the data directory owner-only: the directory rwx------ and the files Keysmith
 * writes there (the database's) rw-------. Done at start-up before the database opens,
 * and again once it has, since H2 creates its files with the process's umask (644). The
 * master key file is left as the operator made it, but a warning names it, with the chmod
 * to run, when group or others can read it: whoever can, can decrypt every stored private
 * key.
 */
class DataDirectoryPermissions implements ApplicationListener<SpringApplicationEvent>, Ordered {

	private static final Logger log = LoggerFactory.getLogger(DataDirectoryPermissions.class);

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OTHERS_READ = EnumSet.of(PosixFilePermission.GROUP_READ,
			PosixFilePermission.OTHERS_READ);

	@Override
	public void onApplicationEvent(SpringApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			secure(prepared.getEnvironment(), true);
		}
		else if (event instanceof ApplicationStartedEvent started) {
			secure(started.getApplicationContext().getEnvironment(), false);
		}
	}

	/** After logging is set up, which happens on the same event. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private static void secure(Environment environment, boolean beforeDatabase) {
		String dataDir = environment.getProperty("keysmith.data-dir");
		if (dataDir == null || dataDir.isBlank()) {
			return;
		}
		Path directory = Path.of(dataDir).toAbsolutePath().normalize();
		if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return;
		}
		String keyFileSetting = environment.getProperty("keysmith.vault.key-file");
		Path keyFile = (keyFileSetting != null) ? Path.of(keyFileSetting).toAbsolutePath().normalize() : null;
		try {
			if (beforeDatabase) {
				Files.createDirectories(directory);
				restrict(directory, OWNER_ONLY_DIRECTORY);
				warnIfOthersCanRead(keyFile);
			}
			try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, Files::isRegularFile)) {
				for (Path file : files) {
					if (!file.toAbsolutePath().normalize().equals(keyFile)) {
						restrict(file, OWNER_ONLY_FILE);
					}
				}
			}
		}
		catch (IOException | UnsupportedOperationException ex) {
			log.warn("Keysmith could not make its data directory {} owner-only ({}): run chmod 700 {} and chmod 600 on "
					+ "the files in it", directory, ex.toString(), directory);
		}
	}

	private static void restrict(Path path, Set<PosixFilePermission> wanted) throws IOException {
		Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
		if (!current.equals(wanted)) {
			Files.setPosixFilePermissions(path, wanted);
			log.info("Made {} owner-only ({}, was {})", path, PosixFilePermissions.toString(wanted),
					PosixFilePermissions.toString(current));
		}
	}

	private static void warnIfOthersCanRead(Path keyFile) throws IOException {
		if (keyFile == null || !Files.isRegularFile(keyFile)) {
			return;
		}
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
		if (permissions.stream().anyMatch(OTHERS_READ::contains)) {
			log.warn(
					"The master key file {} is readable by group or others ({}): whoever can read it can decrypt "
							+ "every stored private key. Make it owner-only: chmod 600 {}",
					keyFile, PosixFilePermissions.toString(permissions), keyFile);
		}
	}

}

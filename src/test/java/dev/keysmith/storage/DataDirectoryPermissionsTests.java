package dev.keysmith.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import dev.keysmith.KeysmithApplication;
import dev.keysmith.testkit.KeysmithProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data directory and the database files in it are owner-only; a master key others can
 * read is warned about.
 */
@ExtendWith(OutputCaptureExtension.class)
class DataDirectoryPermissionsTests {

	@TempDir
	Path parent;

	@Test
	void startWhenDataDirectoryNewThenDirectory700AndDatabaseFiles600() throws IOException {
		Path dataDir = this.parent.resolve("data");
		try (ConfigurableApplicationContext context = start(dataDir, "")) {
			assertThat(permissions(dataDir)).isEqualTo("rwx------");
			assertThat(files(dataDir)).contains(dataDir.resolve("keysmith.mv.db"), dataDir.resolve("master.key"));
			for (Path file : files(dataDir)) {
				assertThat(permissions(file)).as(file.toString()).isEqualTo("rw-------");
			}
		}
	}

	@Test
	void startWhenDirectoryAndDatabaseReadableByOthersThenMadeOwnerOnlyBeforeTheDatabaseOpens() throws IOException {
		Path dataDir = this.parent.resolve("data");
		String masterKey = KeysmithProcess.newMasterKey();
		start(dataDir, masterKey).close();
		// as an earlier Keysmith left them
		Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(dataDir.resolve("keysmith.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));

		try (ConfigurableApplicationContext context = start(dataDir, masterKey)) {
			assertThat(permissions(dataDir)).isEqualTo("rwx------");
			assertThat(permissions(dataDir.resolve("keysmith.mv.db"))).isEqualTo("rw-------");
		}
	}

	@Test
	void startWhenMasterKeyFileReadableByOthersThenWarningNamesTheFileAndTheChmod(CapturedOutput output)
			throws IOException {
		Path dataDir = Files.createDirectories(this.parent.resolve("data"));
		Path keyFile = dataDir.resolve("master.key");
		Files.writeString(keyFile, KeysmithProcess.newMasterKey() + "\n");
		Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

		start(dataDir, "").close();
		assertThat(output.getOut()).containsPattern("WARN .*The master key file " + keyFile
				+ " is readable by group or others \\(rw-r--r--\\).*chmod 600 " + keyFile);
	}

	private static ConfigurableApplicationContext start(Path dataDir, String masterKey) {
		return new SpringApplicationBuilder(KeysmithApplication.class).run("--keysmith.data-dir=" + dataDir,
				"--keysmith.vault.master-key=" + masterKey, "--keysmith.security.admin-password=permissions-test",
				"--spring.main.banner-mode=off", "--server.port=0", "--server.address=127.0.0.1");
	}

	private static List<Path> files(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}

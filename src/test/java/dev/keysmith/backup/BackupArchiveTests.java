package dev.keysmith.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.keysmith.vault.KeyVault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The backup file format on its own: what it holds, and that no change to it goes
 * unnoticed.
 */
class BackupArchiveTests {

	private final KeyVault vault = new KeyVault(randomBytes(32));

	private final byte[] database = "H:2 a small stand-in for a database file, with some text in it".repeat(20)
		.getBytes(StandardCharsets.US_ASCII);

	@TempDir
	Path dir;

	@Test
	void writeWhenReadBackThenTheManifestTheSealAndTheDatabaseCheckOut() throws Exception {
		Path file = write();
		BackupManifest manifest = BackupArchive.readManifest(file);
		assertThat(manifest.format()).isEqualTo("keysmith-backup");
		assertThat(manifest.createdBy()).isEqualTo("alice");
		assertThat(manifest.masterKeyId()).isEqualTo(this.vault.keyId());
		assertThat(manifest.vaultKeyIds()).containsExactly(this.vault.keyId());
		assertThat(manifest.databaseEntry()).isEqualTo("keysmith.mv.db");
		assertThat(manifest.databaseSize()).isEqualTo(this.database.length);
		BackupArchive.checkSeal(file, this.vault);
		ByteArrayOutputStream copy = new ByteArrayOutputStream();
		BackupArchive.copyDatabase(file, manifest, copy);
		assertThat(copy.toByteArray()).isEqualTo(this.database);
		// an ordinary zip: the comment says what seals it
		assertThat(new java.util.zip.ZipFile(file.toFile()).getComment()).startsWith("Keysmith backup. HMAC-SHA256: ")
			.hasSize("Keysmith backup. HMAC-SHA256: ".length() + 64);
	}

	@Test
	void checkWhenAnyOneByteOfTheFileIsChangedThenRefused() throws Exception {
		byte[] whole = Files.readAllBytes(write());
		Path changed = this.dir.resolve("changed.zip");
		for (int position = 0; position < whole.length; position++) {
			byte[] bytes = whole.clone();
			bytes[position] ^= 0x20;
			Files.write(changed, bytes);
			assertThat(refusal(changed)).as("byte %d of %d changed", position, whole.length)
				.containsAnyOf("it was altered", "incomplete or damaged", "not a Keysmith backup");
		}
	}

	@Test
	void checkWhenTheFileIsCutAnywhereThenRefused() throws Exception {
		byte[] whole = Files.readAllBytes(write());
		Path cut = this.dir.resolve("cut.zip");
		for (int length = 0; length < whole.length; length++) {
			Files.write(cut, Arrays.copyOf(whole, length));
			assertThat(refusal(cut)).as("cut to %d of %d bytes", length, whole.length)
				.containsAnyOf("it was altered or cut", "incomplete or damaged", "not a Keysmith backup");
		}
	}

	@Test
	void checkSealWhenTheKeyIsAnotherThenRefusedAsAltered() throws Exception {
		Path file = write();
		assertThatExceptionOfType(RestoreRefusedException.class)
			.isThrownBy(() -> BackupArchive.checkSeal(file, new KeyVault(randomBytes(32))))
			.withMessageContaining("fails its integrity check");
	}

	@Test
	void readManifestWhenTheFileIsAnotherZipThenNotAKeysmithBackup() throws Exception {
		Path other = this.dir.resolve("other.zip");
		try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(other))) {
			zip.putNextEntry(new java.util.zip.ZipEntry("photo.jpg"));
			zip.write(new byte[] { 1, 2, 3 });
		}
		assertThatExceptionOfType(RestoreRefusedException.class).isThrownBy(() -> BackupArchive.readManifest(other))
			.withMessageContaining("it is not a Keysmith backup")
			.withMessageEndingWith("Nothing was changed.");
	}

	/** The checks a restore makes of the file, in its order; the refusal's message. */
	private String refusal(Path file) {
		try {
			BackupManifest manifest = BackupArchive.readManifest(file);
			BackupArchive.checkSeal(file, this.vault);
			BackupArchive.copyDatabase(file, manifest, null);
		}
		catch (RestoreRefusedException ex) {
			return ex.getMessage();
		}
		throw new AssertionError(file + " passed every check");
	}

	private Path write() throws Exception {
		Path file = this.dir.resolve("backup.zip");
		Files.deleteIfExists(file);
		BackupArchive.write(file, new ByteArrayInputStream(this.database),
				BackupManifest.begin(Instant.parse("2026-01-02T03:04:05Z"), "alice", "test", this.vault.keyId(),
						List.of(this.vault.keyId())),
				this.vault);
		return file;
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

}

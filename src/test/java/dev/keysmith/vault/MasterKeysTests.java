package dev.keysmith.vault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MasterKeysTests {

	@TempDir
	Path dir;

	@Test
	void openWhenNothingExistsThenCreatesOwnerOnlyKeyFileAndReusesIt() throws Exception {
		Path file = this.dir.resolve("data/master.key");
		KeyVault first = MasterKeys.open(new VaultProperties(null, file), Set.of());
		assertThat(file).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
		byte[] before = Files.readAllBytes(file);

		KeyVault second = MasterKeys.open(new VaultProperties("", file), Set.of(first.keyId()));
		assertThat(second.keyId()).isEqualTo(first.keyId());
		assertThat(Files.readAllBytes(file)).isEqualTo(before);
	}

	@Test
	void openWhenEnvironmentKeyGivenThenUsedAndNoFileWritten() {
		byte[] key = KeyVaultTests.randomKey();
		Path file = this.dir.resolve("master.key");
		KeyVault vault = MasterKeys.open(new VaultProperties(Base64.getEncoder().encodeToString(key), file), Set.of());
		assertThat(vault.keyId()).isEqualTo(KeyVault.keyId(key));
		assertThat(file).doesNotExist();
	}

	@Test
	void openWhenRecordsExistButKeyFileMissingThenRefusesAndCreatesNothing() {
		Path file = this.dir.resolve("master.key");
		assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> MasterKeys.open(new VaultProperties(null, file), Set.of("0123456789abcdef")))
			.withMessageContaining("encrypted with master key 0123456789abcdef")
			.withMessageContaining("will not create a new key");
		assertThat(file).doesNotExist();
	}

	@Test
	void openWhenConfiguredKeyIsNotTheOneRecordsNeedThenRefusesAndLeavesFileAlone() throws Exception {
		Path file = this.dir.resolve("master.key");
		KeyVault original = MasterKeys.open(new VaultProperties(null, file), Set.of());
		byte[] before = Files.readAllBytes(file);
		String wrong = Base64.getEncoder().encodeToString(KeyVaultTests.randomKey());

		assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> MasterKeys.open(new VaultProperties(wrong, file), Set.of(original.keyId())))
			.withMessageContaining("encrypted with master key " + original.keyId())
			.withMessageContaining("will not start with the wrong key");
		assertThat(Files.readAllBytes(file)).isEqualTo(before);
	}

	@Test
	void openWhenKeyMalformedThenSaysHowToMakeOne() {
		Path file = this.dir.resolve("master.key");
		assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> MasterKeys.open(new VaultProperties("not base64!", file), Set.of()))
			.withMessageContaining("openssl rand -base64 32");
		assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> MasterKeys.open(new VaultProperties("AAAA", file), Set.of()))
			.withMessageContaining("is 3 bytes");
	}

	@Test
	void configuredWhenKeyInTheEnvironmentOrTheFileThenThatKeyAndWhenNoneThenEmptyAndNothingCreated() throws Exception {
		byte[] key = KeyVaultTests.randomKey();
		Path file = this.dir.resolve("data/master.key");
		String base64 = Base64.getEncoder().encodeToString(key);
		assertThat(MasterKeys.configured(new VaultProperties(base64, file))).get()
			.extracting(KeyVault::keyId)
			.isEqualTo(KeyVault.keyId(key));

		assertThat(MasterKeys.configured(new VaultProperties("", file))).isEmpty();
		assertThat(file.getParent()).doesNotExist();

		Files.createDirectories(file.getParent());
		Files.writeString(file, base64 + "\n");
		assertThat(MasterKeys.configured(new VaultProperties(null, file))).get()
			.extracting(KeyVault::keyId)
			.isEqualTo(KeyVault.keyId(key));
	}

}

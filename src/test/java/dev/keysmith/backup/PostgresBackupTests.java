package dev.keysmith.backup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.pki.Openssl;
import dev.keysmith.testkit.NeedsOpenssl;
import dev.keysmith.testkit.NeedsPostgres;
import dev.keysmith.testkit.PostgresServer;
import dev.keysmith.vault.VaultException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The PostgreSQL profile's backup, done as the README says: pg_dump of the database,
 * pg_restore into a new one, Keysmith started on it with the same master key. Run against
 * the real PostgreSQL server the tests start, with its own client programs.
 */
@NeedsOpenssl
@NeedsPostgres
class PostgresBackupTests {

	private static final List<String> DEVICES = List.of("pg-ec256", "pg-ec384", "pg-rsa");

	@TempDir
	Path dir;

	@Test
	void pgDumpAndPgRestoreWhenRunAsTheReadmeSaysThenKeysmithStartsOnTheCopyWithEveryDeviceAndKey() throws Exception {
		PostgresServer postgres = PostgresServer.shared();
		String suffix = Long.toHexString(System.nanoTime());
		String source = "backup_source_" + suffix;
		String restored = "backup_restored_" + suffix;
		String masterKey = newKey();
		String exportedKey;
		try (RunningKeysmith keysmith = start(postgres.newDatabase(source), "source", masterKey)) {
			assertThat(keysmith.postJson("/api/devices", "{\"name\":\"pg-ec256\"}").statusCode()).isEqualTo(201);
			assertThat(
					keysmith.postJson("/api/devices", "{\"name\":\"pg-ec384\",\"keyType\":\"EC_P384\"}").statusCode())
				.isEqualTo(201);
			assertThat(keysmith.postJson("/api/devices", "{\"name\":\"pg-rsa\",\"keyType\":\"RSA_2048\"}").statusCode())
				.isEqualTo(201);
			exportedKey = keysmith.get("/api/devices/" + ids(keysmith).get("pg-ec256") + "/key.pem").body();
			// the backup endpoint copies H2 only, and says what to do instead
			var refused = keysmith.postJson("/api/admin/backup", "");
			assertThat(refused.statusCode()).isEqualTo(409);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat((String) JsonPath.read(refused.body(), "$.detail")).contains("pg_dump").contains("pg_restore");
		}

		Path dump = this.dir.resolve("keysmith.dump");
		String server = "postgresql://" + PostgresServer.USER + "@127.0.0.1:" + postgres.port() + "/";
		run(postgres.binary("pg_dump").toString(), "--format=custom", "--file=" + dump, "--dbname=" + server + source);
		postgres.newDatabase(restored);
		run(postgres.binary("pg_restore").toString(), "--no-owner", "--exit-on-error", "--dbname=" + server + restored,
				dump.toString());

		try (RunningKeysmith keysmith = start(postgres.jdbcUrl(restored), "restored", masterKey)) {
			Map<String, String> ids = ids(keysmith);
			assertThat(ids).containsKeys(DEVICES.toArray(String[]::new));
			Path files = Files.createDirectories(this.dir.resolve("keys"));
			for (String name : DEVICES) {
				Files.writeString(files.resolve("key.pem"),
						keysmith.get("/api/devices/" + ids.get(name) + "/key.pem").body());
				Files.writeString(files.resolve("cert.pem"),
						keysmith.get("/api/devices/" + ids.get(name) + "/cert.pem").body());
				assertThat(Openssl.run(files, "pkey", "-in", "key.pem", "-pubout")).as(name)
					.isEqualTo(Openssl.run(files, "x509", "-in", "cert.pem", "-pubkey", "-noout"));
			}
			assertThat(keysmith.get("/api/devices/" + ids.get("pg-ec256") + "/key.pem").body()).isEqualTo(exportedKey);
			List<String> audit = JsonPath.read(keysmith.get("/api/devices/" + ids.get("pg-ec256") + "/audit").body(),
					"$[*].action");
			assertThat(audit).contains("CREATED", "PRIVATE_KEY_EXPORTED");
		}

		// the copy is no use without its master key: Keysmith will not start on it with
		// another
		assertThatException().isThrownBy(() -> start(postgres.jdbcUrl(restored), "wrong-key", newKey()))
			.havingRootCause()
			.isInstanceOf(VaultException.class)
			.withMessageContaining("will not start with the wrong key");
	}

	private RunningKeysmith start(String jdbcUrl, String name, String masterKey) {
		return RunningKeysmith.start(this.dir.resolve(name), masterKey, "--spring.profiles.active=postgres",
				"--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + PostgresServer.USER,
				"--spring.datasource.password=");
	}

	private static Map<String, String> ids(RunningKeysmith keysmith) {
		String body = keysmith.get("/api/devices?size=200").body();
		List<String> names = JsonPath.read(body, "$.content[*].name");
		List<String> ids = JsonPath.read(body, "$.content[*].id");
		Map<String, String> byName = new java.util.HashMap<>();
		for (int i = 0; i < names.size(); i++) {
			byName.put(names.get(i), ids.get(i));
		}
		return byName;
	}

	private static void run(String... command) throws Exception {
		Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
	}

	private static String newKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}

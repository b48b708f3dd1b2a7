package dev.keysmith.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipInputStream;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.Openssl;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.Bytes;
import dev.keysmith.testkit.KeysmithProcess;
import dev.keysmith.testkit.NeedsKeysmithProcess;
import dev.keysmith.testkit.NeedsOpenssl;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.vault.KeyVault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * A backup of a running Keysmith (a separate process) taken while devices are being
 * created, then restored with the one start-up option into fresh data directories:
 * everything acknowledged before the backup is back and works; a wrong or missing master
 * key, a cut or altered file, or a data directory that is not empty is refused plainly,
 * with nothing written. The refusals are checked in this JVM too, where the exact reason
 * can be read.
 */
@NeedsOpenssl
@NeedsKeysmithProcess
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class BackupRestoreTests {

	@TempDir
	static Path dir;

	private final String masterKey = newKey();

	private final List<String> initialDevices = List.of("before-ec256", "before-ec384", "before-rsa",
			"imported-with-key", "imported-without-key");

	private ThingsBoardDouble thingsBoard;

	private Path backup;

	private Set<String> acknowledgedBeforeBackup;

	private String serverId;

	private String exportedKeyDevice;

	private String exportedKeyPem;

	@BeforeAll
	void backUpARunningKeysmithWhileDevicesAreBeingCreated() throws Exception {
		this.thingsBoard = ThingsBoardDouble.start();
		try (KeysmithProcess source = KeysmithProcess.start("backup-source", dir.resolve("source"), this.masterKey)) {
			HttpResponse<String> server = source.postJson("/api/thingsboard/servers",
					"{\"name\":\"double\",\"url\":\"%s\",\"username\":\"%s\",\"password\":\"%s\",\"coapHost\":\"127.0.0.1\",\"coapPort\":%d}"
						.formatted(this.thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_ADMIN,
								ThingsBoardDouble.TENANT_PASSWORD, this.thingsBoard.coapPort()));
			assertThat(server.statusCode()).as(server.body()).isEqualTo(201);
			this.serverId = JsonPath.read(server.body(), "$.id");
			createInitialDevices(source);

			ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
			AtomicBoolean writing = new AtomicBoolean(true);
			List<Thread> writers = new ArrayList<>();
			for (int w = 0; w < 2; w++) {
				int writer = w;
				Thread thread = new Thread(() -> {
					for (int n = 0; writing.get(); n++) {
						String name = "written-%d-%d".formatted(writer, n);
						if (source.postJson("/api/devices", "{\"name\":\"" + name + "\"}").statusCode() == 201) {
							acknowledged.add(name);
						}
					}
				}, "writer-" + w);
				thread.start();
				writers.add(thread);
			}
			await().atMost(Duration.ofMinutes(3)).until(() -> acknowledged.size() >= 20);
			this.acknowledgedBeforeBackup = Set.copyOf(acknowledged);
			this.backup = dir.resolve("keysmith-backup.zip");
			HttpResponse<Path> made = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(source.uri("/api/admin/backup"))
					.header("Authorization", basic())
					.timeout(Duration.ofMinutes(2))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofFile(this.backup));
			assertThat(made.statusCode()).as(Files.readString(this.backup, StandardCharsets.ISO_8859_1)).isEqualTo(200);
			int afterBackup = acknowledged.size();
			await().atMost(Duration.ofMinutes(3)).until(() -> acknowledged.size() >= afterBackup + 5);
			writing.set(false);
			for (Thread writer : writers) {
				writer.join(60_000);
			}
		}
	}

	private void createInitialDevices(KeysmithProcess source) throws Exception {
		assertThat(source.postJson("/api/devices", "{\"name\":\"before-ec256\"}").statusCode()).isEqualTo(201);
		assertThat(source.postJson("/api/devices", "{\"name\":\"before-ec384\",\"keyType\":\"EC_P384\"}").statusCode())
			.isEqualTo(201);
		assertThat(source.postJson("/api/devices", "{\"name\":\"before-rsa\",\"keyType\":\"RSA_2048\"}").statusCode())
			.isEqualTo(201);
		IssuedCredential withKey = new CertificateIssuer().issue(KeyType.EC_P256, "imported-with-key", 30);
		IssuedCredential withoutKey = new CertificateIssuer().issue(KeyType.EC_P256, "imported-without-key", 30);
		assertThat(importDevice(source, PemCodec.certificate(withKey.certificate()), PemCodec.privateKey(withKey)))
			.isEqualTo(201);
		assertThat(importDevice(source, PemCodec.certificate(withoutKey.certificate()), null)).isEqualTo(201);
		this.exportedKeyDevice = "before-ec256";
		this.exportedKeyPem = source
			.get("/api/devices/" + allDevices(source::get).get(this.exportedKeyDevice) + "/key.pem")
			.body();
		assertThat(this.exportedKeyPem).contains("PRIVATE KEY");
	}

	/** {@code POST /api/devices/import} as multipart, the way curl -F sends it. */
	private static int importDevice(KeysmithProcess keysmith, String certificate, String key) throws Exception {
		String boundary = "keysmith-test-" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (String[] part : new String[][] { { "cert", certificate }, { "key", key } }) {
			if (part[1] != null) {
				body.writeBytes(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s.pem\"\r\n"
						+ "Content-Type: application/x-pem-file\r\n\r\n%s\r\n")
					.formatted(boundary, part[0], part[0], part[1])
					.getBytes(StandardCharsets.US_ASCII));
			}
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return keysmith
			.send(HttpRequest.newBuilder(keysmith.uri("/api/devices/import"))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), true)
			.statusCode();
	}

	private static String basic() {
		return "Basic " + Base64.getEncoder()
			.encodeToString(("admin:" + KeysmithProcess.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	@AfterAll
	void stopThingsBoard() {
		if (this.thingsBoard != null) {
			this.thingsBoard.close();
		}
	}

	@Test
	void restoreWhenTheBackupWasTakenDuringWritesThenEveryAcknowledgedDeviceItsKeysTheServerSecretAndTheAuditAreBack()
			throws Exception {
		Path data = dir.resolve("restored").resolve("data");
		try (KeysmithProcess restored = KeysmithProcess.start("backup-restored", data, this.masterKey,
				"--keysmith.restore-from=" + this.backup)) {
			assertThat(restored.logText()).contains("Restored the backup " + this.backup);
			Map<String, String> devices = allDevices(restored::get);
			assertThat(devices.keySet()).containsAll(this.initialDevices).containsAll(this.acknowledgedBeforeBackup);

			// every device restored has its whole audit trail: the record that made it,
			// and the key export
			for (Map.Entry<String, String> device : devices.entrySet()) {
				List<String> actions = JsonPath
					.read(restored.get("/api/devices/" + device.getValue() + "/audit").body(), "$[*].action");
				assertThat(actions).as(device.getKey()).containsAnyOf("CREATED", "IMPORTED");
			}
			List<String> exported = JsonPath.read(
					restored.get("/api/devices/" + devices.get(this.exportedKeyDevice) + "/audit").body(),
					"$[*].action");
			assertThat(exported).contains("PRIVATE_KEY_EXPORTED");

			// the keys open with the master key and belong to their certificates, as
			// openssl sees them
			Set<String> withKeys = new HashSet<>(this.acknowledgedBeforeBackup);
			withKeys.addAll(List.of("before-ec256", "before-ec384", "before-rsa", "imported-with-key"));
			Path files = Files.createDirectories(dir.resolve("restored-keys"));
			for (String name : withKeys) {
				String id = devices.get(name);
				Files.writeString(files.resolve("key.pem"), restored.get("/api/devices/" + id + "/key.pem").body());
				Files.writeString(files.resolve("cert.pem"), restored.get("/api/devices/" + id + "/cert.pem").body());
				assertThat(Openssl.run(files, "pkey", "-in", "key.pem", "-pubout")).as(name)
					.isEqualTo(Openssl.run(files, "x509", "-in", "cert.pem", "-pubkey", "-noout"));
			}
			assertThat(restored.get("/api/devices/" + devices.get(this.exportedKeyDevice) + "/key.pem").body())
				.isEqualTo(this.exportedKeyPem);
			assertThat(restored.get("/api/devices/" + devices.get("imported-without-key") + "/key.pem").statusCode())
				.isEqualTo(404);

			// the server's sealed password still opens: the pre-flight check signs in to
			// ThingsBoard with it
			String check = restored.postJson("/api/thingsboard/servers/" + this.serverId + "/check", "").body();
			List<String> signIn = JsonPath.read(check, "$.findings[?(@.check == 'Sign-in')].status");
			assertThat(signIn).as(check).containsExactly("OK");
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("keysmith.mv.db"))))
			.isEqualTo("rw-------");
		// the restored database's audit log says so
		try (Connection database = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("keysmith"), "keysmith",
				"");
				ResultSet restores = database.createStatement()
					.executeQuery(
							"SELECT actor, object_id, detail FROM audit_event WHERE action = 'BACKUP_RESTORED'")) {
			assertThat(restores.next()).isTrue();
			assertThat(restores.getString("actor")).isEqualTo("system");
			assertThat(restores.getString("object_id")).isEqualTo(this.backup.getFileName().toString());
			assertThat(restores.getString("detail")).contains("made ").contains(" by admin");
			assertThat(restores.next()).isFalse();
		}
	}

	@Test
	void restoreWhenTheMasterKeyIsWrongThenTheProcessExitsWithAPlainMessageAndTheDataDirectoryIsUntouched()
			throws Exception {
		Path data = dir.resolve("process-wrong-key");
		String wrongKey = newKey();
		assertThatIllegalStateException()
			.isThrownBy(() -> KeysmithProcess.start("backup-wrong-key", data, wrongKey,
					"--keysmith.restore-from=" + this.backup))
			.withMessageContaining("Keysmith exited with status 1")
			.withMessageContaining("APPLICATION FAILED TO START")
			.withMessageContaining("was made with master key " + keyId(this.masterKey))
			.withMessageContaining("the configured master key is " + keyId(wrongKey))
			.withMessageContaining("Nothing was changed")
			.withMessageNotContaining("Exception")
			.withMessageNotContaining("\tat ");
		assertThat(data).doesNotExist();
	}

	@Test
	void restoreWhenTheMasterKeyFileIsAllTheDataDirectoryHoldsThenRestoredWithThatKey() throws Exception {
		Path data = Files.createDirectories(dir.resolve("with-key-file"));
		Files.writeString(data.resolve("master.key"), this.masterKey + "\n");
		try (RunningKeysmith restored = RunningKeysmith.start(data, "", "--keysmith.restore-from=" + this.backup)) {
			assertThat(allDevices(restored::get).keySet()).containsAll(this.acknowledgedBeforeBackup);
			assertThat(restored.bean(KeyVault.class).keyId()).isEqualTo(keyId(this.masterKey));
		}
	}

	@Test
	void backupWhenSearchedThenHoldsNeitherTheMasterKeyNorAnyPrivateKeyInClear() throws Exception {
		byte[] file = Files.readAllBytes(this.backup);
		byte[] database;
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
			while (!zip.getNextEntry().getName().equals(BackupArchive.DATABASE_ENTRY)) {
				// skip to the database
			}
			database = zip.readAllBytes();
		}
		byte[] rawKey = Base64.getDecoder().decode(this.masterKey);
		for (byte[] haystack : List.of(file, database)) {
			String text = new String(haystack, StandardCharsets.ISO_8859_1);
			assertThat(text).doesNotContain(this.masterKey).doesNotContain(this.masterKey.substring(0, 24));
			assertThat(Bytes.indexOf(haystack, rawKey)).isEqualTo(-1);
			assertThat(Bytes.indexOf(haystack, java.util.Arrays.copyOf(rawKey, 16))).isEqualTo(-1);
		}
		String databaseText = new String(database, StandardCharsets.ISO_8859_1);
		// positive control: what is kept in clear is found by this search
		assertThat(databaseText).contains("before-rsa").contains("imported-without-key");
		this.exportedKeyPem.lines()
			.filter((line) -> !line.startsWith("-----") && line.length() > 20)
			.forEach((line) -> assertThat(databaseText).doesNotContain(line));
	}

	@Test
	void restoreWhenTheMasterKeyIsWrongOrMissingThenAPlainRefusalAndTheDataDirectoryUntouched(CapturedOutput output)
			throws Exception {
		Path empty = Files.createDirectories(dir.resolve("wrong-key"));
		String wrongKey = newKey();
		assertThat(refusal(empty, wrongKey)).contains("was made with master key " + keyId(this.masterKey))
			.contains("the configured master key is " + keyId(wrongKey))
			.contains("Nothing was changed");
		assertThat(listing(empty)).isEmpty();
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("the configured master key is " + keyId(wrongKey))
			.contains("Set KEYSMITH_MASTER_KEY to the master key " + keyId(this.masterKey))
			.doesNotContain("at dev.keysmith.backup");

		Path missing = dir.resolve("no-key");
		assertThat(refusal(missing, "")).contains("No master key is configured")
			.contains("needs master key " + keyId(this.masterKey));
		assertThat(missing).doesNotExist();

		Path wrongFile = Files.createDirectories(dir.resolve("wrong-key-file"));
		Files.writeString(wrongFile.resolve("master.key"), wrongKey + "\n");
		assertThat(refusal(wrongFile, "")).contains("the configured master key is " + keyId(wrongKey));
		assertThat(listing(wrongFile)).containsExactly("master.key");
		assertThat(Files.readString(wrongFile.resolve("master.key"))).isEqualTo(wrongKey + "\n");
	}

	@Test
	void restoreWhenTheFileIsCutShortOrHasOneByteChangedThenRefusedAndNothingWritten() throws Exception {
		byte[] whole = Files.readAllBytes(this.backup);
		Map<String, byte[]> damaged = new LinkedHashMap<>();
		damaged.put("cut in half", java.util.Arrays.copyOf(whole, whole.length / 2));
		damaged.put("without its last byte", java.util.Arrays.copyOf(whole, whole.length - 1));
		for (int position : new int[] { 10, whole.length / 2, whole.length - 150, whole.length - 1 }) {
			byte[] changed = whole.clone();
			changed[position] ^= 0x01;
			damaged.put("byte " + position + " changed", changed);
		}
		int n = 0;
		for (Map.Entry<String, byte[]> file : damaged.entrySet()) {
			Path copy = dir.resolve("damaged-" + n + ".zip");
			Files.write(copy, file.getValue());
			Path data = dir.resolve("damaged-data-" + n++);
			assertThat(refusal(data, this.masterKey, "--keysmith.restore-from=" + copy)).as(file.getKey())
				.contains("The backup " + copy + " is not restored: ")
				.containsAnyOf("altered", "incomplete or damaged")
				.contains("Nothing was changed");
			assertThat(data).as(file.getKey()).doesNotExist();
		}
	}

	@Test
	void restoreWhenTheDataDirectoryHoldsDataOrTheDatabaseIsPostgresThenRefusedAndNothingChanged() throws Exception {
		Path used = Files.createDirectories(dir.resolve("used"));
		Files.writeString(used.resolve("keysmith.mv.db"), "an existing database");
		assertThat(refusal(used, this.masterKey)).contains("is not empty (it holds keysmith.mv.db)")
			.contains("Nothing was changed");
		assertThat(Files.readString(used.resolve("keysmith.mv.db"))).isEqualTo("an existing database");
		assertThat(listing(used)).containsExactly("keysmith.mv.db");

		Path postgres = dir.resolve("postgres");
		assertThat(refusal(postgres, this.masterKey, "--spring.profiles.active=postgres",
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/keysmith",
				"--keysmith.restore-from=" + this.backup))
			.contains("restores the embedded H2 database")
			.contains("jdbc:postgresql://127.0.0.1:1/keysmith");
		assertThat(postgres).doesNotExist();
	}

	/** Starts with the backup to restore, expects a refusal, and returns its message. */
	private String refusal(Path data, String key) {
		return refusal(data, key, "--keysmith.restore-from=" + this.backup);
	}

	private static String refusal(Path data, String key, String... more) {
		try (RunningKeysmith started = RunningKeysmith.start(data, key, more)) {
			throw new AssertionError("Keysmith started on " + data + " instead of refusing the restore");
		}
		catch (RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof RestoreRefusedException refused) {
					return refused.getMessage();
				}
			}
			throw ex;
		}
	}

	private static Map<String, String> allDevices(java.util.function.Function<String, HttpResponse<String>> get) {
		Map<String, String> devices = new LinkedHashMap<>();
		for (int page = 0;; page++) {
			String body = get.apply("/api/devices?size=200&page=" + page).body();
			List<String> names = JsonPath.read(body, "$.content[*].name");
			List<String> ids = JsonPath.read(body, "$.content[*].id");
			for (int i = 0; i < names.size(); i++) {
				devices.put(names.get(i), ids.get(i));
			}
			if (page + 1 >= (int) JsonPath.read(body, "$.totalPages")) {
				return devices;
			}
		}
	}

	private static List<String> listing(Path dir) throws Exception {
		try (var files = Files.list(dir)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	private static String newKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	private static String keyId(String base64) {
		return KeyVault.keyId(Base64.getDecoder().decode(base64));
	}

}

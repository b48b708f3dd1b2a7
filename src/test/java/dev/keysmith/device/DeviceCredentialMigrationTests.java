package dev.keysmith.device;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithApplication;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.Openssl;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.PostgresServer;
import dev.keysmith.vault.KeyVault;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Devices stored by the schema before credentials had their own table (V8), with their
 * sealed keys, become devices with one ACTIVE credential each when Keysmith migrates and
 * starts, on H2 and on PostgreSQL: same facts, same JSON, and keys that still open and
 * match their certificates.
 */
class DeviceCredentialMigrationTests {

	private static final String ADMIN_PASSWORD = "migration-admin-password";

	@TempDir
	Path dir;

	private ConfigurableApplicationContext application;

	private final List<ConfigurableApplicationContext> others = new ArrayList<>();

	@AfterEach
	void stop() {
		if (this.application != null) {
			this.application.close();
		}
		this.others.forEach(ConfigurableApplicationContext::close);
	}

	@Tag("postgres") // a PostgreSQL server of its own (see PostgresServer)
	@Test
	void startWhenTwoInstancesFindTheSameOldKeysThenEachKeyIsResealedOnceAndOpensOnBoth() throws Exception {
		String url = PostgresServer.shared().newDatabase("credential_rebinding");
		byte[] masterKey = new byte[32];
		new SecureRandom().nextBytes(masterKey);
		KeyVault vault = new KeyVault(masterKey);
		Flyway.configure()
			.dataSource(url, PostgresServer.USER, "")
			.locations("classpath:db/migration")
			.target("8")
			.load()
			.migrate();
		CertificateIssuer issuer = new CertificateIssuer();
		List<OldDevice> old = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER, "")) {
			for (int i = 0; i < 20; i++) {
				old.add(insertOldDevice(connection, vault, "two-" + i, issuer.issue(KeyType.EC_P256, "two-" + i, 30),
						true, "GENERATED", null));
			}
		}
		String key = Base64.getEncoder().encodeToString(masterKey);
		// both start at once: Flyway's lock lets one migrate while the other waits, then
		// both re-seal
		CompletableFuture<ConfigurableApplicationContext> a = CompletableFuture
			.supplyAsync(() -> start("postgres", url, PostgresServer.USER, key, this.dir.resolve("a")));
		CompletableFuture<ConfigurableApplicationContext> b = CompletableFuture
			.supplyAsync(() -> start("postgres", url, PostgresServer.USER, key, this.dir.resolve("b")));
		this.others.add(a.get(180, TimeUnit.SECONDS));
		this.others.add(b.get(180, TimeUnit.SECONDS));

		try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER, "")) {
			for (OldDevice device : old) {
				Map<String, Object> credential = credentials(connection, device.id()).get(0);
				assertThat(credential.get("key_binding")).isEqualTo("RECORD");
				// the conditional update let exactly one of the two instances re-seal it
				assertThat(((Number) credential.get("version")).longValue()).isEqualTo(1);
			}
		}
		for (ConfigurableApplicationContext instance : this.others) {
			for (OldDevice device : old) {
				byte[] pem = instance.getBean(DeviceExports.class)
					.privateKeyPem(device.id(), "admin", "test")
					.content();
				assertThat(new String(pem, StandardCharsets.US_ASCII)).startsWith("-----BEGIN EC PARAMETERS-----");
			}
		}
	}

	@Tag("postgres") // a PostgreSQL server of its own (see PostgresServer)
	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgres" })
	void startWhenDevicesPredateCredentialRecordsThenEachHasOneActiveCredentialWithItsFactsAndKey(String database)
			throws Exception {
		String url = database.equals("h2") ? "jdbc:h2:file:" + this.dir.resolve("data/keysmith")
				: PostgresServer.shared().newDatabase("credential_migration");
		String user = database.equals("h2") ? "keysmith" : PostgresServer.USER;
		byte[] masterKey = new byte[32];
		new SecureRandom().nextBytes(masterKey);
		KeyVault vault = new KeyVault(masterKey);
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("8").load().migrate();
		CertificateIssuer issuer = new CertificateIssuer();
		List<OldDevice> old = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			old.add(insertOldDevice(connection, vault, "old-p256", issuer.issue(KeyType.EC_P256, "old-p256", 30), true,
					"GENERATED", UUID.randomUUID()));
			old.add(insertOldDevice(connection, vault, "old-rsa", issuer.issue(KeyType.RSA_2048, "old-rsa", 400), true,
					"IMPORTED", null));
			old.add(insertOldDevice(connection, vault, "old-cert-only",
					issuer.issue(KeyType.EC_P384, "old-cert-only", 90), false, "IMPORTED", null));
		}

		this.application = start(database, url, user, Base64.getEncoder().encodeToString(masterKey),
				this.dir.resolve("data"));

		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			for (OldDevice device : old) {
				List<Map<String, Object>> credentials = credentials(connection, device.id());
				assertThat(credentials).as(device.name()).hasSize(1);
				Map<String, Object> credential = credentials.get(0);
				assertThat(credential.get("state")).isEqualTo("ACTIVE");
				assertThat(credential.get("key_type")).isEqualTo(device.keyType());
				assertThat(credential.get("origin")).isEqualTo(device.origin());
				assertThat(credential.get("serial_number")).isEqualTo(device.serialNumber());
				assertThat(credential.get("sha256_fingerprint")).isEqualTo(device.sha256());
				assertThat(credential.get("credentials_id")).isEqualTo(device.credentialsId());
				assertThat(credential.get("certificate_pem")).isEqualTo(device.certificatePem());
				// re-sealed to the credential record at start-up: no key is left under
				// the old binding
				assertThat(credential.get("key_binding")).isEqualTo("RECORD");
			}
		}
		DeviceExports exports = this.application.getBean(DeviceExports.class);
		for (OldDevice device : old) {
			Map<String, Object> json = JsonPath.read(get("/api/devices/" + device.id()), "$");
			assertThat(json).containsExactlyEntriesOf(device.expectedJson());
			List<Map<String, Object>> history = JsonPath.read(get("/api/devices/" + device.id() + "/certificates"),
					"$");
			assertThat(history).singleElement().satisfies((entry) -> {
				assertThat(entry.get("state")).isEqualTo("ACTIVE");
				assertThat(entry.get("sha256Fingerprint")).isEqualTo(device.sha256());
				assertThat(entry.get("hasPrivateKey")).isEqualTo(device.withKey());
			});
			if (device.withKey()) {
				Path folder = Files.createDirectories(this.dir.resolve(device.name()));
				Files.write(folder.resolve("key.pem"), exports.privateKeyPem(device.id(), "admin", "test").content());
				Files.writeString(folder.resolve("cert.pem"), device.certificatePem());
				assertThat(Openssl.run(folder, "pkey", "-in", "key.pem", "-pubout"))
					.isEqualTo(Openssl.run(folder, "x509", "-in", "cert.pem", "-noout", "-pubkey"));
			}
		}
		// a second pass (another start, or another instance) finds nothing left to
		// re-seal
		assertThat(this.application.getBean(DeviceKeyRebinding.class).rebind()).isZero();
		// and an instance that lost the race cannot overwrite the key the winner
		// re-sealed
		OldDevice first = old.get(0);
		assertThat(this.application.getBean(DeviceCredentialRepository.class)
			.rebind(first.id(), "bm90IGEga2V5", "0000000000000000")).isZero();
		assertThat(exports.privateKeyPem(first.id(), "admin", "test").content()).isNotEmpty();
	}

	private String get(String path) throws Exception {
		String port = this.application.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.timeout(Duration.ofSeconds(30))
			.build();
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return response.body();
	}

	private static ConfigurableApplicationContext start(String database, String url, String user, String masterKey,
			Path dataDir) {
		List<String> args = new ArrayList<>(
				List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
						"--spring.datasource.password=", "--keysmith.vault.master-key=" + masterKey,
						"--keysmith.data-dir=" + dataDir, "--keysmith.security.admin-password=" + ADMIN_PASSWORD,
						"--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off"));
		if (database.equals("postgres")) {
			args.add("--spring.profiles.active=postgres");
		}
		SpringApplication application = new SpringApplication(KeysmithApplication.class);
		// the test's JVM has its logging set up already: two instances starting at once
		// would set it up again
		// together, and Logback does not take that
		application.setListeners(application.getListeners()
			.stream()
			.filter((listener) -> !(listener instanceof LoggingApplicationListener))
			.toList());
		return application.run(args.toArray(String[]::new));
	}

	/**
	 * A row as the code before V9 wrote it: the key sealed with the fingerprint as its
	 * context.
	 */
	private static OldDevice insertOldDevice(Connection connection, KeyVault vault, String name,
			IssuedCredential credential, boolean withKey, String origin, UUID serverId) throws Exception {
		UUID id = UUID.randomUUID();
		String sha256 = Fingerprints.sha256(credential.certificate());
		String credentialsId = Fingerprints.thingsBoardCredentialsId(credential.certificate());
		String serial = credential.certificate().getSerialNumber().toString(16);
		String subject = credential.certificate().getSubjectX500Principal().getName();
		String pem = PemCodec.certificate(credential.certificate());
		Instant notBefore = credential.certificate().getNotBefore().toInstant();
		Instant notAfter = credential.certificate().getNotAfter().toInstant();
		Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(3));
		Instant pushedAt = createdAt.plus(Duration.ofHours(1));
		KeyVault.Sealed sealed = withKey
				? vault.seal(credential.privateKey().getEncoded(), "keysmith:device-key:" + sha256) : null;
		try (PreparedStatement insert = connection.prepareStatement("insert into device (id, name, name_key, key_type, "
				+ "origin, subject, serial_number, not_before, not_after, sha256_fingerprint, credentials_id, "
				+ "certificate_pem, sealed_private_key, vault_key_id, created_at, created_by, tb_server_id, "
				+ "tb_device_id, tb_pushed_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
				+ "?, 0)")) {
			insert.setObject(1, id);
			insert.setString(2, name);
			insert.setString(3, LookAlikes.key(name));
			insert.setString(4, credential.keyType().name());
			insert.setString(5, origin);
			insert.setString(6, subject);
			insert.setString(7, serial);
			insert.setObject(8, OffsetDateTime.ofInstant(notBefore, ZoneOffset.UTC));
			insert.setObject(9, OffsetDateTime.ofInstant(notAfter, ZoneOffset.UTC));
			insert.setString(10, sha256);
			insert.setString(11, credentialsId);
			insert.setString(12, pem);
			insert.setString(13, withKey ? sealed.ciphertext() : null);
			insert.setString(14, withKey ? sealed.keyId() : null);
			insert.setObject(15, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
			insert.setString(16, "old-admin");
			insert.setObject(17, serverId);
			insert.setString(18, (serverId != null) ? "tb-" + name : null);
			insert.setObject(19, (serverId != null) ? OffsetDateTime.ofInstant(pushedAt, ZoneOffset.UTC) : null);
			insert.executeUpdate();
		}
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", id.toString());
		json.put("name", name);
		json.put("keyType", credential.keyType().name());
		json.put("origin", origin);
		json.put("subject", subject);
		json.put("serialNumber", serial);
		json.put("notBefore", notBefore.toString());
		json.put("notAfter", notAfter.toString());
		json.put("sha256Fingerprint", sha256);
		json.put("credentialsId", credentialsId);
		json.put("hasPrivateKey", withKey);
		json.put("keyCustody", withKey ? "key held by Keysmith" : "key not held");
		json.put("createdAt", createdAt.toString());
		json.put("createdBy", "old-admin");
		if (serverId != null) {
			Map<String, Object> placement = new LinkedHashMap<>();
			placement.put("serverId", serverId.toString());
			placement.put("deviceId", "tb-" + name);
			placement.put("pushedAt", pushedAt.toString());
			json.put("thingsboard", placement);
		}
		return new OldDevice(id, name, credential.keyType().name(), origin, serial, sha256, credentialsId, pem, withKey,
				json);
	}

	private static List<Map<String, Object>> credentials(Connection connection, UUID deviceId) throws Exception {
		List<Map<String, Object>> rows = new ArrayList<>();
		try (PreparedStatement query = connection
			.prepareStatement("select * from device_credential where device_id = ?")) {
			query.setObject(1, deviceId);
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					Map<String, Object> row = new LinkedHashMap<>();
					for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
						row.put(result.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT),
								result.getObject(i));
					}
					rows.add(row);
				}
			}
		}
		return rows;
	}

	private record OldDevice(UUID id, String name, String keyType, String origin, String serialNumber, String sha256,
			String credentialsId, String certificatePem, boolean withKey, Map<String, Object> expectedJson) {
	}

}

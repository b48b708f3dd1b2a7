package dev.keysmith.expiry;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.KeysmithApplication;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.TestCa;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Devices stored by the schema before this feature (V10) get their expiry windows when
 * Keysmith migrates and starts: counted on the dashboard, and recorded by the scan at
 * start-up.
 */
class ExpiryMigrationTests {

	@TempDir
	Path dir;

	private ConfigurableApplicationContext application;

	@AfterEach
	void stop() {
		if (this.application != null) {
			this.application.close();
		}
	}

	@Test
	void startWhenDevicesWereStoredBeforeThenTheirWindowsAreCountedAndRecordedByTheFirstScan() throws Exception {
		String url = "jdbc:h2:file:" + this.dir.resolve("keysmith") + ";AUTO_SERVER=FALSE;WRITE_DELAY=0;"
				+ "DB_CLOSE_ON_EXIT=FALSE";
		Flyway.configure()
			.dataSource(url, "keysmith", "")
			.locations("classpath:db/migration")
			.target("10")
			.load()
			.migrate();
		Instant now = Instant.now();
		TestCa ca = new TestCa("migration-ca");
		UUID serverId = UUID.randomUUID();
		List<UUID> credentials = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url, "keysmith", "")) {
			credentials.add(insert(connection, ca, "old-expired", now.minus(Duration.ofDays(1)), serverId));
			credentials.add(insert(connection, ca, "old-in5", now.plus(Duration.ofDays(5)), serverId));
			credentials.add(insert(connection, ca, "old-in45", now.plus(Duration.ofDays(45)), null));
			credentials.add(insert(connection, ca, "old-in200", now.plus(Duration.ofDays(200)), serverId));
		}

		this.application = start(url);

		ExpirySummary summary = this.application.getBean(ExpiryService.class).summary();
		assertThat(summary.counts()).isEqualTo(new ExpiryCounts(1, 1, 0, 1, 1));
		assertThat(summary.byServer()).filteredOn((row) -> serverId.equals(row.serverId()))
			.singleElement()
			.satisfies((row) -> assertThat(row.counts()).isEqualTo(new ExpiryCounts(1, 1, 0, 0, 1)));
		JdbcTemplate jdbc = this.application.getBean(JdbcTemplate.class);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM expiry_entry", Integer.class) == 3);
		Map<UUID, String> windows = new HashMap<>();
		jdbc.query("SELECT credential_id, expiry_window FROM expiry_entry",
				(RowCallbackHandler) (row) -> windows.put(row.getObject(1, UUID.class), row.getString(2)));
		assertThat(windows).containsExactlyInAnyOrderEntriesOf(Map.of(credentials.get(0), "EXPIRED", credentials.get(1),
				"WITHIN_7_DAYS", credentials.get(2), "WITHIN_90_DAYS"));
	}

	/** A device and its ACTIVE credential as the schema at V10 holds them. */
	private static UUID insert(Connection connection, TestCa ca, String name, Instant notAfter, UUID serverId)
			throws Exception {
		IssuedCredential credential = ca.clientCredential(name, notAfter.minus(Duration.ofDays(365)), notAfter);
		UUID device = UUID.randomUUID();
		Timestamp created = Timestamp.from(Instant.now().minus(Duration.ofDays(30)));
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO device (id, name, name_key, "
				+ "created_at, created_by, version, tb_server_id, tb_device_id, tb_pushed_at) "
				+ "VALUES (?, ?, ?, ?, 'before', 0, ?, ?, ?)")) {
			insert.setObject(1, device);
			insert.setString(2, name);
			insert.setString(3, name);
			insert.setTimestamp(4, created);
			insert.setObject(5, serverId);
			insert.setString(6, (serverId != null) ? UUID.randomUUID().toString() : null);
			insert.setTimestamp(7, (serverId != null) ? created : null);
			insert.executeUpdate();
		}
		UUID id = UUID.randomUUID();
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO device_credential (id, device_id, "
				+ "state, active_device_id, key_type, origin, subject, serial_number, not_before, not_after, "
				+ "sha256_fingerprint, credentials_id, certificate_pem, key_binding, created_at, activated_at, version) "
				+ "VALUES (?, ?, 'ACTIVE', ?, 'EC_P256', 'IMPORTED', ?, ?, ?, ?, ?, ?, ?, 'RECORD', ?, ?, 0)")) {
			insert.setObject(1, id);
			insert.setObject(2, device);
			insert.setObject(3, device);
			insert.setString(4, credential.certificate().getSubjectX500Principal().getName());
			insert.setString(5, credential.certificate().getSerialNumber().toString(16));
			insert.setTimestamp(6, Timestamp.from(credential.certificate().getNotBefore().toInstant()));
			insert.setTimestamp(7, Timestamp.from(credential.certificate().getNotAfter().toInstant()));
			insert.setString(8, Fingerprints.sha256(credential.certificate()));
			insert.setString(9, Fingerprints.thingsBoardCredentialsId(credential.certificate()));
			insert.setString(10, PemCodec.certificate(credential.certificate()));
			insert.setTimestamp(11, created);
			insert.setTimestamp(12, created);
			insert.executeUpdate();
		}
		return id;
	}

	private ConfigurableApplicationContext start(String url) {
		byte[] masterKey = new byte[32];
		new SecureRandom().nextBytes(masterKey);
		SpringApplication application = new SpringApplication(KeysmithApplication.class);
		// the test's JVM has its logging set up already
		application.setListeners(application.getListeners()
			.stream()
			.filter((listener) -> !(listener instanceof LoggingApplicationListener))
			.toList());
		return application.run("--spring.datasource.url=" + url, "--spring.datasource.username=keysmith",
				"--spring.datasource.password=",
				"--keysmith.vault.master-key=" + Base64.getEncoder().encodeToString(masterKey),
				"--keysmith.data-dir=" + this.dir, "--keysmith.security.admin-password=migration-admin-password",
				"--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off");
	}

}

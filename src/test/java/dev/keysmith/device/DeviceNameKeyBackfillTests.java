package dev.keysmith.device;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.testkit.PostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Devices stored before names had a look-alike key get theirs when the migrations run, on
 * H2 and on PostgreSQL, and the application's own Flyway runs that backfill.
 */
class DeviceNameKeyBackfillTests extends KeysmithTestSupport {

	private static final List<String> OLD_NAMES = List.of("boiler", "BOILER", "b\u043eiler", "boi\u200Bler", "pump-7");

	@TempDir
	Path dir;

	@Autowired
	Flyway flyway;

	@Autowired
	JdbcTemplate jdbc;

	@Tag("postgres") // a PostgreSQL server of its own (see PostgresServer)
	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgres" })
	void migrateWhenDevicesPredateTheNameKeyThenEachGetsItsKey(String database) throws Exception {
		String url = database.equals("h2") ? "jdbc:h2:file:" + this.dir.resolve("keysmith")
				: PostgresServer.shared().newDatabase("name_key_backfill");
		String user = database.equals("h2") ? "keysmith" : PostgresServer.USER;
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("3").load().migrate();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			for (String name : OLD_NAMES) {
				insertOldDevice(connection, name);
			}
		}

		Flyway.configure()
			.dataSource(url, user, "")
			.locations("classpath:db/migration")
			.callbacks(new DeviceNameKeyBackfill())
			.load()
			.migrate();

		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			Map<String, String> keys = nameKeys(connection);
			assertThat(keys).containsOnlyKeys(OLD_NAMES);
			assertThat(keys).containsEntry("boiler", "boiler")
				.containsEntry("BOILER", "boiler")
				.containsEntry("b\u043eiler", "boiler")
				.containsEntry("boi\u200Bler", "boiler")
				.containsEntry("pump-7", "pump-7");
		}
	}

	@Test
	void applicationMigrationsWhenARowLacksItsKeyThenTheRegisteredCallbackFillsIt() throws Exception {
		String name = "no-key-" + UUID.randomUUID();
		try (Connection connection = this.jdbc.getDataSource().getConnection()) {
			insertDeviceWithoutKey(connection, name.toUpperCase(java.util.Locale.ROOT));
		}
		this.flyway.migrate();
		assertThat(this.jdbc.queryForObject("select name_key from device where name = ?", String.class,
				name.toUpperCase(java.util.Locale.ROOT)))
			.isEqualTo(name);
	}

	private static void insertOldDevice(Connection connection, String name) throws Exception {
		try (PreparedStatement insert = connection.prepareStatement("insert into device (id, name, key_type, origin, "
				+ "subject, serial_number, not_before, not_after, sha256_fingerprint, credentials_id, certificate_pem, "
				+ "created_at, created_by, version) values (?, ?, 'EC_P256', 'IMPORTED', ?, '1', ?, ?, ?, ?, ?, ?, "
				+ "'test', 0)")) {
			OffsetDateTime now = OffsetDateTime.now();
			insert.setObject(1, UUID.randomUUID());
			insert.setString(2, name);
			insert.setString(3, "CN=" + name);
			insert.setObject(4, now);
			insert.setObject(5, now.plusDays(30));
			insert.setString(6, "AB".repeat(32));
			insert.setString(7, UUID.randomUUID().toString().replace("-", "").repeat(2));
			insert.setString(8, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
			insert.setObject(9, now);
			insert.executeUpdate();
		}
	}

	/**
	 * A device row of today's schema (its certificate on a credential row) lacking its
	 * name key.
	 */
	private static void insertDeviceWithoutKey(Connection connection, String name) throws Exception {
		UUID id = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now();
		try (PreparedStatement insert = connection.prepareStatement(
				"insert into device (id, name, created_at, " + "created_by, version) values (?, ?, ?, 'test', 0)")) {
			insert.setObject(1, id);
			insert.setString(2, name);
			insert.setObject(3, now);
			insert.executeUpdate();
		}
		try (PreparedStatement insert = connection.prepareStatement("insert into device_credential (id, device_id, "
				+ "state, active_device_id, key_type, origin, subject, serial_number, not_before, not_after, "
				+ "sha256_fingerprint, credentials_id, certificate_pem, key_binding, created_at, activated_at, "
				+ "version) "
				+ "values (?, ?, 'ACTIVE', ?, 'EC_P256', 'IMPORTED', ?, '1', ?, ?, ?, ?, ?, 'RECORD', ?, ?, 0)")) {
			insert.setObject(1, id);
			insert.setObject(2, id);
			insert.setObject(3, id);
			insert.setString(4, "CN=" + name);
			insert.setObject(5, now);
			insert.setObject(6, now.plusDays(30));
			insert.setString(7, "AB".repeat(32));
			insert.setString(8, UUID.randomUUID().toString().replace("-", "").repeat(2));
			insert.setString(9, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
			insert.setObject(10, now);
			insert.setObject(11, now);
			insert.executeUpdate();
		}
	}

	private static Map<String, String> nameKeys(Connection connection) throws Exception {
		Map<String, String> keys = new LinkedHashMap<>();
		try (ResultSet rows = connection.createStatement().executeQuery("select name, name_key from device")) {
			while (rows.next()) {
				keys.put(rows.getString(1), rows.getString(2));
			}
		}
		return keys;
	}

}

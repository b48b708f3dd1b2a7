package dev.keysmith.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The migration to the one log on H2: the device trail's rows join the log, in their
 * order, named, and the old table goes; the head waits for the start-up to chain them.
 */
class AuditMigrationTests {

	@Test
	void migrateWhenADeviceTrailExistsThenItsRowsJoinTheLogInOrderWithTheDevicesName() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:audit-migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("16").load().migrate();
		UUID device = UUID.randomUUID();
		Instant then = Instant.parse("2025-06-01T10:00:00.123456Z");
		jdbc.update("INSERT INTO audit_event (occurred_at, actor, action, object_type, object_id, detail) "
				+ "VALUES (?, 'admin', 'CA_IMPORTED', 'ca', 'x', 'Root')", Timestamp.from(then));
		for (String action : List.of("CREATED", "PUSHED", "DELETED")) {
			jdbc.update(
					"INSERT INTO device_audit (device_id, device_name, action, actor, occurred_at, detail) "
							+ "VALUES (?, 'sensor-7', ?, 'operator', ?, ?)",
					device, action, Timestamp.from(then), action.toLowerCase());
		}

		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

		List<Map<String, Object>> rows = jdbc.queryForList("SELECT action, object_type, object_id, object_name, "
				+ "actor, detail, entry_hash FROM audit_event ORDER BY id");
		assertThat(rows).extracting((row) -> row.get("ACTION"))
			.containsExactly("CA_IMPORTED", "CREATED", "PUSHED", "DELETED");
		assertThat(rows.subList(1, 4)).allSatisfy((row) -> {
			assertThat(row.get("OBJECT_TYPE")).isEqualTo("device");
			assertThat(row.get("OBJECT_ID")).isEqualTo(device.toString());
			assertThat(row.get("OBJECT_NAME")).isEqualTo("sensor-7");
			assertThat(row.get("ACTOR")).isEqualTo("operator");
			assertThat(row.get("ENTRY_HASH")).isNull();
		});
		assertThat(jdbc
			.queryForObject("SELECT occurred_at FROM audit_event WHERE action = 'PUSHED'",
					java.time.OffsetDateTime.class)
			.toInstant()).isEqualTo(then);
		assertThat(jdbc.queryForMap("SELECT last_event_id, last_hash FROM audit_chain_head WHERE id = 1"))
			.containsEntry("LAST_EVENT_ID", null)
			.containsEntry("LAST_HASH", null);
		assertThatException().isThrownBy(() -> jdbc.queryForObject("SELECT COUNT(*) FROM device_audit", Long.class));
	}

}

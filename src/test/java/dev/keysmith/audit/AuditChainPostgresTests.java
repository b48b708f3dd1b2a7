package dev.keysmith.audit;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import dev.keysmith.KeysmithApplication;
import dev.keysmith.device.DeviceAudit;
import dev.keysmith.device.DeviceService;
import dev.keysmith.testkit.NeedsPostgres;
import dev.keysmith.testkit.PostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain on PostgreSQL, with two Keysmith instances on one database: the device trail
 * and the log written before the chain are migrated and chained once, appends from both
 * instances and many threads at once stay one chain, and tampering is found.
 */
@NeedsPostgres
class AuditChainPostgresTests {

	@TempDir
	Path dataA;

	@TempDir
	Path dataB;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@AfterEach
	void stop() {
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void appendWhenTwoInstancesAndManyThreadsAtOnceThenOneIntactChainAndTamperingIsFound() throws Exception {
		String url = PostgresServer.shared().newDatabase("audit_chain");
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, PostgresServer.USER, "");
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		// a database as the release before the chain left it, with a device trail and a
		// log
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("16").load().migrate();
		UUID gone = UUID.randomUUID();
		Instant then = Instant.parse("2025-06-01T10:00:00.123456Z");
		jdbc.update(
				"INSERT INTO device_audit (device_id, device_name, action, actor, occurred_at, detail) "
						+ "VALUES (?, 'old-sensor', 'CREATED', 'admin', ?, 'EC P-256, 365 days')",
				gone, Timestamp.from(then));
		jdbc.update(
				"INSERT INTO device_audit (device_id, device_name, action, actor, occurred_at, detail) "
						+ "VALUES (?, 'old-sensor', 'PRIVATE_KEY_EXPORTED', 'admin', ?, 'key.pem')",
				gone, Timestamp.from(then.plusSeconds(60)));
		jdbc.update(
				"INSERT INTO audit_event (occurred_at, actor, action, object_type, object_id, detail) "
						+ "VALUES (?, 'admin', 'BACKUP_CREATED', 'database', 'b.zip', '12 bytes')",
				Timestamp.from(then));

		startBoth(url);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE entry_hash IS NULL", Long.class))
			.isZero();
		assertThat(this.instances.get(1).getBean(DeviceService.class).auditTrail(gone))
			.extracting(DeviceAudit::getAction, DeviceAudit::getDeviceName, DeviceAudit::getAt)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple(DeviceAudit.Action.PRIVATE_KEY_EXPORTED, "old-sensor",
							then.plusSeconds(60)),
					org.assertj.core.groups.Tuple.tuple(DeviceAudit.Action.CREATED, "old-sensor", then));

		int threadsPerInstance = 4;
		int each = 25;
		CyclicBarrier together = new CyclicBarrier(2 * threadsPerInstance);
		List<CompletableFuture<Void>> writers = new ArrayList<>();
		for (ConfigurableApplicationContext instance : this.instances) {
			AuditLog audit = instance.getBean(AuditLog.class);
			for (int t = 0; t < threadsPerInstance; t++) {
				String actor = "writer-" + writers.size();
				writers.add(CompletableFuture.runAsync(() -> {
					await(together);
					for (int i = 0; i < each; i++) {
						audit.record(actor, "TEST_CONCURRENT", "test", String.valueOf(i), "entry " + i);
					}
				}));
			}
		}
		CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);

		AuditLog first = this.instances.get(0).getBean(AuditLog.class);
		AuditVerification.Result intact = first.verify();
		assertThat(intact.intact()).as(String.valueOf(intact.reason())).isTrue();
		long total = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Long.class);
		assertThat(intact.entries()).isEqualTo(total).isGreaterThanOrEqualTo(3 + 2L * threadsPerInstance * each);

		List<Long> ids = jdbc.queryForList("SELECT id FROM audit_event WHERE action = 'TEST_CONCURRENT' ORDER BY id",
				Long.class);
		long edited = ids.get(10);
		jdbc.update("UPDATE audit_event SET detail = 'rewritten' WHERE id = ?", edited);
		assertThat(this.instances.get(1).getBean(AuditLog.class).verify().firstBrokenId()).isEqualTo(edited);
		jdbc.update("UPDATE audit_event SET detail = 'entry ' || object_id WHERE id = ?", edited);
		assertThat(first.verify().intact()).isTrue();

		jdbc.update("DELETE FROM audit_event WHERE id = ?", ids.get(50));
		AuditVerification.Result removed = first.verify();
		assertThat(removed.intact()).isFalse();
		assertThat(removed.firstBrokenId()).isEqualTo(ids.get(51));
	}

	private void startBoth(String url) throws Exception {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		String masterKey = Base64.getEncoder().encodeToString(key);
		// the JVM's logging left as it is: two applications configuring it at once trip
		// over each other (instances are separate processes in real life)
		System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
		try {
			CompletableFuture<ConfigurableApplicationContext> a = CompletableFuture
				.supplyAsync(() -> start(url, masterKey, this.dataA));
			CompletableFuture<ConfigurableApplicationContext> b = CompletableFuture
				.supplyAsync(() -> start(url, masterKey, this.dataB));
			this.instances.add(a.get(120, TimeUnit.SECONDS));
			this.instances.add(b.get(120, TimeUnit.SECONDS));
		}
		finally {
			System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
		}
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ConfigurableApplicationContext start(String url, String masterKey, Path dataDir) {
		return new SpringApplicationBuilder(KeysmithApplication.class).run("--spring.profiles.active=postgres",
				"--spring.datasource.url=" + url, "--spring.datasource.username=" + PostgresServer.USER,
				"--spring.datasource.password=", "--keysmith.vault.master-key=" + masterKey,
				"--keysmith.data-dir=" + dataDir, "--keysmith.security.admin-password=admin-password",
				"--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off");
	}

}

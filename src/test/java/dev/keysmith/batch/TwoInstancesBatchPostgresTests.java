package dev.keysmith.batch;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.keysmith.KeysmithApplication;
import dev.keysmith.device.DeviceService;
import dev.keysmith.instance.Instances;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.testkit.NeedsPostgres;
import dev.keysmith.testkit.PostgresServer;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.thingsboard.ServerSettings;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Keysmith instances on one PostgreSQL share one batch: each item is done once, by
 * one of them.
 */
@NeedsPostgres
class TwoInstancesBatchPostgresTests {

	private static final int COUNT = 60;

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
	void runWhenTwoInstancesShareABatchThenEveryItemIsDoneExactlyOnce() throws Exception {
		String url = PostgresServer.shared().newDatabase("two_instances_batch");
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		String masterKey = Base64.getEncoder().encodeToString(key);
		CompletableFuture<ConfigurableApplicationContext> a = CompletableFuture
			.supplyAsync(() -> start(url, masterKey, this.dataA));
		CompletableFuture<ConfigurableApplicationContext> b = CompletableFuture
			.supplyAsync(() -> start(url, masterKey, this.dataB));
		this.instances.add(a.get(120, TimeUnit.SECONDS));
		this.instances.add(b.get(120, TimeUnit.SECONDS));
		try (ThingsBoardDouble thingsBoard = ThingsBoardDouble.start()) {
			thingsBoard.publishServerCa();
			ThingsBoardServerService servers = this.instances.get(0).getBean(ThingsBoardServerService.class);
			UUID serverId = servers
				.create(new ServerSettings("shared", thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_ADMIN,
						ThingsBoardDouble.TENANT_PASSWORD, null, "127.0.0.1", thingsBoard.coapPort(), null, true, null,
						null))
				.getId();
			servers.fetchServerCa(serverId);
			servers.confirmServerCa(serverId, Fingerprints.sha256(thingsBoard.serverCa()));
			String prefix = "shared-" + UUID.randomUUID().toString().substring(0, 8) + "-";

			BatchView started = this.instances.get(0)
				.getBean(BatchCreation.class)
				.create(new BatchRequest(prefix + "{01}", 1, COUNT, null, null, null, serverId, null, null, null, null,
						null, 4), null, false, "admin");

			BatchService batchesOfB = this.instances.get(1).getBean(BatchService.class);
			await().atMost(Duration.ofSeconds(180))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> batchesOfB.view(started.id()).state() == BatchState.COMPLETED);
			BatchView done = batchesOfB.view(started.id());
			assertThat(done.counts().get(ItemState.VERIFIED)).as(done.toString()).isEqualTo(COUNT);

			// each row: one Keysmith device, one ThingsBoard device, created by one
			// create call
			assertThat(this.instances.get(1).getBean(DeviceService.class).list(prefix, 0, 200).getTotalElements())
				.isEqualTo(COUNT);
			assertThat(thingsBoard.deviceCount()).isEqualTo(COUNT);
			assertThat(thingsBoard.requests()
				.stream()
				.filter((r) -> r.startsWith("POST") && r.contains("device-with-credentials"))).hasSize(COUNT);
			// and both instances did part of the work
			JdbcTemplate jdbc = this.instances.get(0).getBean(JdbcTemplate.class);
			List<UUID> workers = jdbc.queryForList("SELECT DISTINCT lease_owner FROM batch_item WHERE batch_id = ?",
					UUID.class, started.id());
			assertThat(workers).containsExactlyInAnyOrder(
					this.instances.get(0).getBean(Instances.class).currentInstanceId(),
					this.instances.get(1).getBean(Instances.class).currentInstanceId());
		}
	}

	private static ConfigurableApplicationContext start(String url, String masterKey, Path dataDir) {
		return new SpringApplicationBuilder(KeysmithApplication.class).run("--spring.profiles.active=postgres",
				"--spring.datasource.url=" + url, "--spring.datasource.username=" + PostgresServer.USER,
				"--spring.datasource.password=", "--keysmith.vault.master-key=" + masterKey,
				"--keysmith.data-dir=" + dataDir, "--keysmith.security.admin-password=admin-password",
				"--keysmith.batch.max-rate=20", "--server.port=0", "--server.address=127.0.0.1",
				"--spring.main.banner-mode=off");
	}

}

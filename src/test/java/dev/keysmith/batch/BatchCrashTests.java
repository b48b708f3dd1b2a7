package dev.keysmith.batch;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import dev.keysmith.pki.Fingerprints;
import dev.keysmith.testkit.KeysmithProcess;
import dev.keysmith.testkit.NeedsKeysmithProcess;
import dev.keysmith.testkit.ThingsBoardDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Keysmith process running a batch, killed with SIGKILL in the push stage and
 * again in the verify stage, then started again on the same data: the batch goes on by
 * itself and completes, and both Keysmith and ThingsBoard hold exactly one device per
 * row.
 */
@NeedsKeysmithProcess
class BatchCrashTests {

	private static final int COUNT = 40;

	private final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path dataDir;

	@Test
	void runWhenKilledInPushAndInVerifyThenResumesByItselfAndHoldsOneDevicePerRow() throws Exception {
		String masterKey = KeysmithProcess.newMasterKey();
		String prefix = "crash-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		// slow enough that a kill falls inside a stage: 8 devices a second against the
		// server
		String[] slow = { "--keysmith.batch.max-rate=8", "--keysmith.batch.poll=100ms" };
		try (ThingsBoardDouble thingsBoard = ThingsBoardDouble.start()) {
			thingsBoard.publishServerCa();
			String batchId;
			try (KeysmithProcess keysmith = KeysmithProcess.start("batch-crash", this.dataDir, masterKey, slow)) {
				String serverId = server(keysmith, thingsBoard);
				HttpResponse<String> started = keysmith.postJson("/api/batches", "{\"pattern\":\"" + prefix
						+ "{01}\",\"count\":" + COUNT + ",\"serverId\":\"" + serverId + "\",\"concurrency\":4}");
				assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
				batchId = this.json.readTree(started.body()).get("id").asString();
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> count(keysmith, batchId, "PUSHED") + count(keysmith, batchId, "VERIFIED") >= 4);
				assertThat(count(keysmith, batchId, "QUEUED") + count(keysmith, batchId, "ISSUED")).isPositive();
				keysmith.kill();
			}
			try (KeysmithProcess keysmith = KeysmithProcess.start("batch-crash", this.dataDir, masterKey, slow)) {
				int verifiedBefore = count(keysmith, batchId, "VERIFIED");
				await().atMost(Duration.ofSeconds(90))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> count(keysmith, batchId, "VERIFIED") >= verifiedBefore + 4);
				assertThat(batch(keysmith, batchId).get("state").asString()).isEqualTo("RUNNING");
				keysmith.kill();
			}
			try (KeysmithProcess keysmith = KeysmithProcess.start("batch-crash", this.dataDir, masterKey, slow)) {
				await().atMost(Duration.ofSeconds(180))
					.pollInterval(Duration.ofMillis(200))
					.until(() -> batch(keysmith, batchId).get("state").asString().equals("COMPLETED"));
				JsonNode batch = batch(keysmith, batchId);
				assertThat(batch.get("counts").get("VERIFIED").asInt()).as(batch.toString()).isEqualTo(COUNT);
				HttpResponse<String> devices = keysmith.get("/api/devices?q=" + prefix + "&size=200");
				assertThat(this.json.readTree(devices.body()).get("totalElements").asInt())
					.as("Keysmith devices of the batch")
					.isEqualTo(COUNT);
			}
			assertThat(thingsBoard.deviceCount()).as("ThingsBoard devices").isEqualTo(COUNT);
			for (int i = 1; i <= COUNT; i++) {
				assertThat(thingsBoard.device(prefix + "%02d".formatted(i))).isPresent();
			}
		}
	}

	private String server(KeysmithProcess keysmith, ThingsBoardDouble thingsBoard) {
		HttpResponse<String> created = keysmith.postJson("/api/thingsboard/servers",
				"{\"name\":\"double\",\"url\":\"" + thingsBoard.baseUrl() + "\",\"username\":\""
						+ ThingsBoardDouble.TENANT_ADMIN + "\",\"password\":\"" + ThingsBoardDouble.TENANT_PASSWORD
						+ "\",\"coapHost\":\"127.0.0.1\",\"coapPort\":" + thingsBoard.coapPort() + "}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = this.json.readTree(created.body()).get("id").asString();
		HttpResponse<String> fetched = keysmith.postJson("/api/thingsboard/servers/" + id + "/ca/fetch", "");
		assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
		HttpResponse<String> confirmed = keysmith.postJson("/api/thingsboard/servers/" + id + "/ca/confirm",
				"{\"sha256Fingerprint\":\"" + Fingerprints.sha256(thingsBoard.serverCa()) + "\"}");
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		return id;
	}

	private JsonNode batch(KeysmithProcess keysmith, String id) {
		HttpResponse<String> answer = keysmith.get("/api/batches/" + id);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return this.json.readTree(answer.body());
	}

	private int count(KeysmithProcess keysmith, String id, String state) {
		return batch(keysmith, id).get("counts").get(state).asInt();
	}

}

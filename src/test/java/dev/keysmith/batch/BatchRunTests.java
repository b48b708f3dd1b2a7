package dev.keysmith.batch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.testkit.TbState;
import dev.keysmith.testkit.ThingsBoardDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batches run end to end against the ThingsBoard double: issue, push with proof, light
 * verification.
 */
class BatchRunTests extends BatchTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Autowired
	DeviceService devices;

	@BeforeAll
	static void startThingsBoard() {
		thingsBoard = ThingsBoardDouble.start();
	}

	@AfterAll
	static void stop() {
		thingsBoard.close();
	}

	@Test
	void runWhenPatternWithAllStagesThenEveryDeviceIssuedPushedAndVerified() throws Exception {
		UUID serverId = server(thingsBoard);
		String prefix = "run-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		String id = start("{\"pattern\":\"" + prefix + "{001}\",\"start\":1,\"count\":12,\"serverId\":\"" + serverId
				+ "\",\"verify\":\"LIGHT\",\"concurrency\":4}");

		String batch = awaitCompleted(id, Duration.ofSeconds(90));

		String itemsJson = body(api(this.mvc.get().uri("/api/batches/" + id + "/items")).exchange());
		assertThat(JsonPath.<Integer>read(batch, "$.total")).isEqualTo(12);
		assertThat(JsonPath.<Integer>read(batch, "$.counts.VERIFIED"))
			.as(() -> itemsJson.substring(0, Math.min(1500, itemsJson.length())))
			.isEqualTo(12);
		assertThat(JsonPath.<Integer>read(batch, "$.counts.FAILED")).isZero();
		List<Map<String, Object>> items = JsonPath.read(itemsJson, "$");
		assertThat(items).hasSize(12);
		for (Map<String, Object> item : items) {
			String name = (String) item.get("name");
			Device device = this.devices.get(UUID.fromString((String) item.get("deviceId")));
			TbState.Device remote = thingsBoard.device(name).orElseThrow();
			assertThat(device.getName()).isEqualTo(name);
			assertThat(remote.credentials.credentialsId).isEqualTo(device.getCredentialsId());
			assertThat(item.get("thingsboardDeviceId")).isEqualTo(remote.id);
			assertThat(item.get("runId")).isNotNull();
			assertThat(item.get("state")).isEqualTo("VERIFIED");
		}
		// a light verification: handshake, telemetry and read-back passed; the attribute
		// steps were not run
		String run = body(api(this.mvc.get().uri("/api/verifications/" + items.get(0).get("runId"))).exchange());
		assertThat(JsonPath.<String>read(run, "$.status")).isEqualTo("PASSED");
		assertThat(JsonPath.<List<String>>read(run, "$.steps[*].status")).containsExactly("PASSED", "PASSED", "PASSED",
				"PASSED", "SKIPPED", "SKIPPED", "PASSED");
		assertThat(JsonPath.<String>read(run, "$.steps[4].detail"))
			.isEqualTo("Not run: a light verification ends after the read-back.");
		assertThat(items).extracting((item) -> item.get("name"))
			.containsExactly(java.util.stream.IntStream.rangeClosed(1, 12)
				.mapToObj((n) -> prefix + "%03d".formatted(n))
				.toArray());
	}

}

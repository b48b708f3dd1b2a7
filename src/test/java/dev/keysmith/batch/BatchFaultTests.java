package dev.keysmith.batch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.testkit.ThingsBoardDouble;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batches against a ThingsBoard that limits, fails, slows down and goes away: every item
 * ends in a final state with the cause that stopped it, the counts add up, and the batch
 * slows itself down and says so.
 */
class BatchFaultTests extends BatchTestSupport {

	private static final Set<String> RETRYABLE_PUSH_CAUSES = Set.of("RATE_LIMITED", "THINGSBOARD_FAILED",
			"THINGSBOARD_UNAVAILABLE", "NO_ANSWER", "KEYSMITH_ERROR");

	@Test
	void runWhenThingsBoardLimitsFailsSlowsAndGoesAwayThenEveryItemEndsWithItsCause() throws Exception {
		try (ThingsBoardDouble thingsBoard = ThingsBoardDouble.start()) {
			UUID serverId = server(thingsBoard);
			String prefix = "fault-" + UUID.randomUUID().toString().substring(0, 8) + "-";
			thingsBoard.rateLimitNext("device-with-credentials", 30);
			thingsBoard.failNext("device-with-credentials", 4, 500, 2, "Something went wrong");
			thingsBoard.slowDown(Duration.ofMillis(30));
			String id = start("{\"pattern\":\"" + prefix + "{01}\",\"count\":30,\"serverId\":\"" + serverId
					+ "\",\"stages\":[\"ISSUE\",\"PUSH\"],\"concurrency\":8}");
			Set<String> notes = ConcurrentHashMap.newKeySet();
			ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
			watcher.scheduleWithFixedDelay(() -> {
				try {
					String note = JsonPath.read(body(api(this.mvc.get().uri("/api/batches/" + id)).exchange()),
							"$.note");
					if (note != null) {
						notes.add(note);
					}
				}
				catch (Exception ex) {
					// the next look will tell
				}
			}, 0, 50, TimeUnit.MILLISECONDS);
			// ThingsBoard stops answering for a while in the middle of the batch
			awaitPushed(id, 8);
			thingsBoard.silence(true);
			Thread.sleep(1500);
			thingsBoard.silence(false);

			String batch = awaitCompleted(id, Duration.ofSeconds(120));
			watcher.shutdownNow();

			Map<String, Integer> counts = JsonPath.read(batch, "$.counts");
			assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(30);
			assertThat(counts.get("QUEUED") + counts.get("ISSUED")).isZero();
			assertThat(counts.get("PUSHED") + counts.get("FAILED")).isEqualTo(30);
			List<Map<String, Object>> items = JsonPath
				.read(body(api(this.mvc.get().uri("/api/batches/" + id + "/items?size=100")).exchange()), "$");
			for (Map<String, Object> item : items) {
				String name = (String) item.get("name");
				if ("PUSHED".equals(item.get("state"))) {
					assertThat(thingsBoard.device(name)).as(name).isPresent();
					assertThat(item.get("cause")).isNull();
				}
				else {
					assertThat(item.get("stage")).isEqualTo("PUSH");
					assertThat((String) item.get("cause")).isIn(RETRYABLE_PUSH_CAUSES);
					assertThat(item.get("attempts")).isEqualTo(4);
				}
			}
			// ThingsBoard holds one device per pushed row, and none twice
			assertThat(thingsBoard.deviceCount())
				.isEqualTo(counts.get("PUSHED") + devicesCreatedButUnanswered(thingsBoard, items));
			assertThat(notes)
				.anySatisfy((note) -> assertThat(note).matches("ThingsBoard is limiting requests: slowed to \\d+/s"));
		}
	}

	@Test
	void runWhenThingsBoardIsDownThenItemsRetryWithBackoffThenFailWithTheCause() throws Exception {
		try (ThingsBoardDouble thingsBoard = ThingsBoardDouble.start()) {
			UUID serverId = server(thingsBoard);
			thingsBoard.stopRest();
			String prefix = "down-" + UUID.randomUUID().toString().substring(0, 8) + "-";
			long started = System.nanoTime();
			String id = start("{\"pattern\":\"" + prefix + "{1}\",\"count\":6,\"serverId\":\"" + serverId
					+ "\",\"concurrency\":3}");

			String batch = awaitCompleted(id, Duration.ofSeconds(90));

			assertThat(JsonPath.<Integer>read(batch, "$.counts.FAILED")).isEqualTo(6);
			assertThat(JsonPath.<Integer>read(batch, "$.counts.ISSUED")).isZero();
			Map<String, Integer> causes = JsonPath.read(batch, "$.failuresByCause");
			assertThat(causes.keySet()).isSubsetOf("THINGSBOARD_UNAVAILABLE", "NO_ANSWER");
			List<Map<String, Object>> items = JsonPath
				.read(body(api(this.mvc.get().uri("/api/batches/" + id + "/items")).exchange()), "$");
			assertThat(items).allSatisfy((item) -> {
				assertThat(item.get("state")).isEqualTo("FAILED");
				assertThat(item.get("stage")).isEqualTo("PUSH");
				assertThat(item.get("attempts")).isEqualTo(4);
				assertThat(item.get("deviceId")).isNotNull();
			});
			// it waited between tries (200 ms, 400 ms, 800 ms at least) rather than
			// spinning
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(1400));
			// and the failures are worth retrying: retry(retryable) takes them all again
			String retried = body(api(this.mvc.post().uri("/api/batches/" + id + "/retry?retryable=true")).exchange());
			assertThat(JsonPath.<String>read(retried, "$.state")).isEqualTo("RUNNING");
			assertThat(JsonPath.<Integer>read(retried, "$.counts.FAILED")).isLessThan(6);
			awaitCompleted(id, Duration.ofSeconds(90));
		}
	}

	private void awaitPushed(String id, int atLeast) {
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> JsonPath.<Integer>read(body(api(this.mvc.get().uri("/api/batches/" + id)).exchange()),
					"$.counts.PUSHED") >= atLeast);
	}

	/**
	 * Failed items whose device ThingsBoard created although its answer never came (one
	 * each at most).
	 */
	private static int devicesCreatedButUnanswered(ThingsBoardDouble thingsBoard, List<Map<String, Object>> items) {
		int count = 0;
		for (Map<String, Object> item : items) {
			if (!"PUSHED".equals(item.get("state")) && thingsBoard.device((String) item.get("name")).isPresent()) {
				count++;
			}
		}
		return count;
	}

}

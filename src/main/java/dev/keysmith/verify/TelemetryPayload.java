package dev.keysmith.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.keysmith.thingsboard.client.ThingsBoardClient;
import dev.keysmith.thingsboard.client.ThingsBoardException;
import dev.keysmith.thingsboard.client.dto.TsValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The telemetry a run posts, and how to recognise it in ThingsBoard's latest values:
 * every key shows the posted value (as the string ThingsBoard returns) with a timestamp
 * newer than before the post. Comparing timestamps with ThingsBoard's own earlier ones,
 * not with Keysmith's clock, keeps clock skew out of it.
 */
final class TelemetryPayload {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	private final JsonNode payload;

	TelemetryPayload(JsonNode payload) {
		this.payload = payload;
	}

	Map<String, Long> latestTimestamps(ThingsBoardClient rest, String thingsBoardId) {
		Map<String, Long> timestamps = new LinkedHashMap<>();
		if (thingsBoardId == null) {
			return timestamps;
		}
		try {
			rest.latestTelemetry(thingsBoardId, keys()).forEach((key, values) -> {
				if (!values.isEmpty() && values.get(0).value() != null) {
					timestamps.put(key, values.get(0).ts());
				}
			});
		}
		catch (ThingsBoardException ex) {
			// the read-back step reports REST problems
		}
		return timestamps;
	}

	boolean isNew(Map<String, List<TsValue>> latest, Map<String, Long> before) {
		for (String key : keys()) {
			List<TsValue> values = latest.getOrDefault(key, List.of());
			if (values.isEmpty() || values.get(0).value() == null) {
				return false;
			}
			TsValue value = values.get(0);
			if (!String.valueOf(value.value()).equals(expected(this.payload.get(key)))) {
				return false;
			}
			if (before.containsKey(key) && value.ts() <= before.get(key)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Polls ThingsBoard's latest values until they are this payload's, or the timeout
	 * passes.
	 * @throws ThingsBoardException when the REST API refuses
	 */
	Poll awaitNewValues(ThingsBoardClient rest, String thingsBoardId, Map<String, Long> before, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = "no answer yet";
		while (true) {
			Map<String, List<TsValue>> latest = rest.latestTelemetry(thingsBoardId, keys());
			last = latest.toString();
			if (isNew(latest, before)) {
				return new Poll(latest, last);
			}
			if (System.nanoTime() > deadline) {
				return new Poll(null, last);
			}
			try {
				Thread.sleep(POLL_INTERVAL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new Poll(null, last);
			}
		}
	}

	/**
	 * @param latest the values that showed the payload, or {@code null} when none did in
	 * time
	 * @param last the last answer, as evidence
	 */
	record Poll(Map<String, List<TsValue>> latest, String last) {

		boolean found() {
			return this.latest != null;
		}

	}

	static String describe(Map<String, List<TsValue>> latest) {
		List<String> parts = new ArrayList<>();
		latest.forEach(
				(key, values) -> parts.add(key + " = " + values.get(0).value() + " (ts " + values.get(0).ts() + ")"));
		return String.join(", ", parts);
	}

	List<String> keys() {
		List<String> keys = new ArrayList<>();
		this.payload.propertyNames().forEach(keys::add);
		return keys;
	}

	private static String expected(JsonNode node) {
		return node.isString() ? node.asString() : node.toString();
	}

	static Optional<JsonNode> parse(String payload) {
		try {
			JsonNode node = JSON.readTree(payload);
			return (node != null && node.isObject() && !node.isEmpty()) ? Optional.of(node) : Optional.empty();
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

}

package dev.keysmith.verify;

import java.util.List;
import java.util.Map;

import dev.keysmith.thingsboard.client.dto.TsValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryPayloadTests {

	private final TelemetryPayload payload = new TelemetryPayload(
			TelemetryPayload.parse("{\"temperature\":43,\"unit\":\"C\",\"on\":true,\"ratio\":0.5}").orElseThrow());

	@Test
	void parseWhenNotANonEmptyJsonObjectThenEmpty() {
		assertThat(TelemetryPayload.parse("{\"a\":1}")).isPresent();
		assertThat(TelemetryPayload.parse("{}")).isEmpty();
		assertThat(TelemetryPayload.parse("[1]")).isEmpty();
		assertThat(TelemetryPayload.parse("43")).isEmpty();
		assertThat(TelemetryPayload.parse("{\"a\":")).isEmpty();
		assertThat(TelemetryPayload.parse("{\"a\":1} trailing")).isEmpty();
	}

	@Test
	void isNewWhenEveryKeyShowsThePostedValueAsThingsBoardWritesItThenTrue() {
		assertThat(this.payload.keys()).containsExactly("temperature", "unit", "on", "ratio");
		assertThat(this.payload.isNew(latest(100, "43", "C", "true", "0.5"), Map.of())).isTrue();
		assertThat(this.payload.isNew(latest(100, "42", "C", "true", "0.5"), Map.of())).isFalse();
		assertThat(this.payload.isNew(Map.of("temperature", List.of(new TsValue(100, null))), Map.of())).isFalse();
	}

	@Test
	void isNewWhenTimestampNotAfterTheOneBeforeThePostThenFalseWhateverKeysmithsClockSays() {
		Map<String, Long> before = Map.of("temperature", 5_000L);
		// the same value left by an earlier run is not this run's
		assertThat(this.payload.isNew(latest(5_000, "43", "C", "true", "0.5"), before)).isFalse();
		// a server clock far behind Keysmith's does not matter: only ThingsBoard's
		// timestamps are compared
		assertThat(this.payload.isNew(latest(5_001, "43", "C", "true", "0.5"), before)).isTrue();
	}

	private static Map<String, List<TsValue>> latest(long ts, String temperature, String unit, String on,
			String ratio) {
		return Map.of("temperature", List.of(new TsValue(ts, temperature)), "unit", List.of(new TsValue(ts, unit)),
				"on", List.of(new TsValue(ts, on)), "ratio", List.of(new TsValue(ts, ratio)));
	}

}

package dev.keysmith.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.keysmith.pki.PemCodec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every recorded REST exchange, replayed against the double in the order it was recorded:
 * the double must answer the recorded status, {@code errorCode} and message, and JSON of
 * the same shape (the same keys, the device JSON with its duplicated key).
 * <p>
 * What cannot be replayed as is gets mapped: {@code <jwt>} becomes a token the double
 * issued (the access token in {@code X-Authorization}, the refresh token in a body); the
 * device and credentials ids the real server gave (in 08 and 10) become those the double
 * gave, in every later request and answer. The recorded CA download (20) answers the real
 * server's CA; the double answers its own, after
 * {@link ThingsBoardDouble#publishServerCa()}.
 */
@ThingsBoardDoubleTest
class ThingsBoardDoubleRecordingsTests {

	static ThingsBoardDouble thingsBoard;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void replayWhenEveryRecordingSentInOrderThenTheDoubleAnswersAsRecorded() throws Exception {
		Map<String, String> ids = new LinkedHashMap<>();
		JsonNode tokens = this.json.readTree(send(Recording.named("01-login.txt"), Map.of(), null).body());
		for (Recording recording : Recording.all()) {
			if (recording.name().equals("20-server-ca-download.txt")) {
				thingsBoard.publishServerCa();
			}
			HttpResponse<String> answer = send(recording, ids, tokens);
			String expected = mapped(recording.responseBody(), ids);
			assertThat(answer.statusCode()).as(recording.name()).isEqualTo(recording.status());
			if (recording.contentType() != null) {
				assertThat(answer.headers().firstValue("Content-Type").orElse(""))
					.as(recording.name() + " Content-Type")
					.isEqualTo(recording.contentType());
			}
			if (recording.isError()) {
				JsonNode error = this.json.readTree(answer.body());
				JsonNode recorded = this.json.readTree(expected);
				assertThat(error.path("status").asInt()).as(recording.name()).isEqualTo(recording.status());
				assertThat(error.path("errorCode").asInt()).as(recording.name())
					.isEqualTo(recorded.path("errorCode").asInt());
				assertThat(error.path("message").asString()).as(recording.name())
					.isEqualTo(recorded.path("message").asString());
			}
			else if (expected.startsWith("{") || expected.startsWith("[")) {
				assertThat(keys(this.json.readTree(answer.body()))).as(recording.name() + " keys")
					.isEqualTo(keys(this.json.readTree(expected)));
			}
			else if (expected.startsWith("-----BEGIN CERTIFICATE-----")) {
				assertThat(PemCodec.certificate(thingsBoard.serverCa()).strip()).isEqualTo(answer.body().strip());
			}
			else {
				assertThat(answer.body()).as(recording.name()).isEqualTo(expected);
			}
			learnIds(recording, answer.body(), ids);
			assertRecordedValues(recording, answer.body());
		}
	}

	/**
	 * The values that follow from the request, not from the server's clock or id
	 * generator.
	 */
	private void assertRecordedValues(Recording recording, String answer) {
		if (recording.responseBody().contains("\"configuration\":{\"type\":\"DEFAULT\",\"type\":\"DEFAULT\"}")) {
			assertThat(answer).as(recording.name() + " duplicated key")
				.contains("\"configuration\":{\"type\":\"DEFAULT\",\"type\":\"DEFAULT\"}");
		}
		if (!recording.isError() && recording.responseBody().contains("\"credentialsId\"")) {
			JsonNode recorded = this.json.readTree(recording.responseBody());
			JsonNode actual = this.json.readTree(answer);
			assertThat(actual.path("credentialsId").asString()).as(recording.name() + " credentialsId")
				.isEqualTo(recorded.path("credentialsId").asString());
			assertThat(actual.path("credentialsValue").asString()).as(recording.name() + " credentialsValue")
				.isEqualTo(recorded.path("credentialsValue").asString());
		}
		if (recording.name().startsWith("06-")) {
			// the tenant's default profile; its second profile is the double's own (MQTT
			// only)
			assertThat(this.json.readTree(answer).path("data").get(0))
				.isEqualTo(this.json.readTree(recording.responseBody()).path("data").get(0));
		}
		if (recording.name().matches("(07|16|18)-.*")) {
			assertThat(withoutVolatile(this.json.readTree(answer))).as(recording.name())
				.isEqualTo(withoutVolatile(this.json.readTree(recording.responseBody())));
		}
	}

	private HttpResponse<String> send(Recording recording, Map<String, String> ids, JsonNode tokens) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(thingsBoard.baseUrl() + mapped(recording.target(), ids)));
		recording.requestHeaders().forEach((name, value) -> {
			if (name.equals("X-Authorization")) {
				value = value.replace(Recording.JWT, tokens.path("token").asString());
			}
			request.header(name, value);
		});
		String body = mapped(recording.requestBody(), ids);
		if (tokens != null) {
			body = body.replace(Recording.JWT, tokens.path("refreshToken").asString());
		}
		request.method(recording.method(),
				body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * After 08 the device's id, after 10 its credentials' id: recorded id → the double's.
	 */
	private void learnIds(Recording recording, String answer, Map<String, String> ids) {
		if (recording.name().startsWith("08-") || recording.name().startsWith("10-")) {
			String recorded = this.json.readTree(recording.responseBody()).path("id").path("id").asString();
			ids.put(recorded, this.json.readTree(answer).path("id").path("id").asString());
		}
	}

	private static String mapped(String text, Map<String, String> ids) {
		String result = text;
		for (Map.Entry<String, String> id : ids.entrySet()) {
			result = result.replace(id.getKey(), id.getValue());
		}
		return result;
	}

	/** Every key path of a JSON document ({@code a.b}, {@code a[].c}). */
	private static Set<String> keys(JsonNode node) {
		Set<String> keys = new TreeSet<>();
		collect(node, "", keys);
		return keys;
	}

	private static void collect(JsonNode node, String prefix, Set<String> keys) {
		if (node.isObject()) {
			node.properties().forEach((entry) -> {
				keys.add(prefix + entry.getKey());
				collect(entry.getValue(), prefix + entry.getKey() + ".", keys);
			});
		}
		else if (node.isArray()) {
			node.forEach((element) -> collect(element, prefix + "[].", keys));
		}
	}

	/** The document without what changes between servers and calls: timestamps. */
	private static String withoutVolatile(JsonNode node) {
		return node.toString().replaceAll("\"(ts|lastUpdateTs|createdTime|timestamp)\":\\d+", "\"$1\":0");
	}

}

package dev.keysmith.testkit;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The double's answers about devices, their credentials, profiles, telemetry and shared
 * attributes, over its {@link TbState}: the rules and error answers of ThingsBoard CE 4.3
 * (the device JSON of 3.9 where it differs).
 */
final class RestDevices {

	private final TbState state;

	private final Clock clock;

	private final boolean version39;

	private final JsonMapper json = JsonMapper.builder().build();

	RestDevices(TbState state, Clock clock, boolean version39) {
		this.state = state;
		this.clock = clock;
		this.version39 = version39;
	}

	void byName(RestCall call) throws IOException {
		Optional<TbState.Device> device = this.state.byName(call.query.getOrDefault("deviceName", ""));
		if (device.isEmpty()) {
			call.error(404, 32, "Requested item wasn't found!");
		}
		else {
			sendDevice(call, device.get());
		}
	}

	void create(RestCall call) throws IOException {
		String name = call.json.path("name").asString();
		if (this.state.nameTaken(name)) {
			call.error(400, 31, "Device with such name already exists!");
		}
		else {
			sendDevice(call, this.state.create(name, null, "ACCESS_TOKEN", null));
		}
	}

	void createWithCredentials(RestCall call) throws IOException {
		JsonNode device = call.json.path("device");
		JsonNode credentials = call.json.path("credentials");
		String name = device.path("name").asString();
		String type = credentials.path("credentialsType").asString();
		String value = credentials.path("credentialsValue").asString();
		String profileId = device.path("deviceProfileId").path("id").isMissingNode() ? null
				: device.path("deviceProfileId").path("id").asString();
		synchronized (this.state) {
			if (this.state.nameTaken(name)) {
				call.error(400, 31, "Device with such name already exists!");
				return;
			}
			if ("X509_CERTIFICATE".equals(type)
					&& this.state.credentialsTaken(TbState.sha3(TbState.x509CredentialsValue(value)), null)) {
				call.error(400, 31, "Device credentials are already assigned to another device!");
				return;
			}
			sendDevice(call, this.state.create(name, profileId, type, value));
		}
	}

	void delete(RestCall call) throws IOException {
		this.state.byId(call.id).ifPresent(this.state::delete);
		call.ok();
	}

	void credentials(RestCall call) throws IOException {
		Optional<TbState.Device> device = this.state.byId(call.id);
		if (device.isEmpty()) {
			call.error(404, 32, "Device with id [" + call.id + "] is not found");
		}
		else {
			sendCredentials(call, device.get());
		}
	}

	void updateCredentials(RestCall call) throws IOException {
		JsonNode request = call.json;
		String deviceId = request.path("deviceId").path("id").asString();
		synchronized (this.state) {
			Optional<TbState.Device> device = this.state.byId(deviceId);
			if (device.isEmpty()) {
				call.error(404, 32, "Device with id [" + deviceId + "] is not found");
				return;
			}
			if (request.path("id").path("id").isMissingNode() || request.path("id").path("id").isNull()) {
				call.error(400, 31, "Credentials for this device are already specified!");
				return;
			}
			TbState.Credentials current = device.get().credentials;
			if (!request.path("id").path("id").asString().equals(current.id)) {
				call.error(400, 31, "Unable to update non-existent device credentials!");
				return;
			}
			JsonNode version = request.path("version");
			if (version.isNumber() && version.asLong() != current.version) {
				call.error(409, 35, "Entity was already changed by someone else");
				return;
			}
			String type = request.path("credentialsType").asString();
			String value = request.path("credentialsValue").asString();
			if ("ACCESS_TOKEN".equals(type)) {
				// the token is the credentialsId; ThingsBoard does not make one up on an
				// update
				value = request.path("credentialsId").isString() ? request.path("credentialsId").asString() : "";
				if (value.isBlank()) {
					call.error(400, 31, "Device credentials id should be specified!");
					return;
				}
			}
			String credentialsId = "X509_CERTIFICATE".equals(type) ? TbState.sha3(TbState.x509CredentialsValue(value))
					: value;
			if (this.state.credentialsTaken(credentialsId, deviceId)) {
				call.error(400, 31, "Device credentials are already assigned to another device!");
				return;
			}
			this.state.updateCredentials(device.get(), type, value);
			sendCredentials(call, device.get());
		}
	}

	void profiles(RestCall call) throws IOException {
		String profiles = profile(TbState.DEFAULT_PROFILE_ID, "default", "DEFAULT") + ","
				+ profile(TbState.MQTT_PROFILE_ID, "mqtt-only", "MQTT");
		call.fixture("profile-page.json", JsonFixture.values("profiles", new JsonFixture.Raw(profiles), "count", 2));
	}

	void defaultProfile(RestCall call) throws IOException {
		call.json(200, profile(TbState.DEFAULT_PROFILE_ID, "default", "DEFAULT"));
	}

	void latestTelemetry(RestCall call) throws IOException {
		ObjectNode result = this.json.createObjectNode();
		if (!call.query.containsKey("keys")) {
			// without keys: the latest value of every key the device has
			this.state.latest(call.id)
				.forEach((key,
						entry) -> result.putArray(key).addObject().put("ts", entry.ts()).put("value", entry.value()));
			call.json(200, this.json.writeValueAsString(result));
			return;
		}
		for (String key : call.query.getOrDefault("keys", "").split(",")) {
			if (key.isEmpty()) {
				continue;
			}
			ObjectNode entry = result.putArray(key).addObject();
			Optional<TbState.TsEntry> latest = this.state.latest(call.id, key);
			entry.put("ts", latest.map(TbState.TsEntry::ts).orElse(this.clock.millis()));
			if (latest.isPresent()) {
				entry.put("value", latest.get().value());
			}
			else {
				entry.putNull("value");
			}
		}
		call.json(200, this.json.writeValueAsString(result));
	}

	void setSharedAttributes(RestCall call) throws IOException {
		Map<String, Object> values = new LinkedHashMap<>();
		call.json.properties().forEach((e) -> values.put(e.getKey(), scalar(e.getValue())));
		this.state.setSharedAttributes(call.id, values);
		call.ok();
	}

	void sharedAttributes(RestCall call) throws IOException {
		List<String> items = new ArrayList<>();
		long ts = this.clock.millis();
		this.state.sharedAttributes(call.id)
			.forEach((key, value) -> items
				.add(JsonFixture.render("shared-attribute.json", JsonFixture.values("lastUpdateTs", ts, "key", key,
						"value", new JsonFixture.Raw(this.json.writeValueAsString(value))))));
		call.json(200, "[" + String.join(",", items) + "]");
	}

	/**
	 * The server-side attributes ThingsBoard keeps about a device's connections (with its
	 * default of keeping device state in attributes): {@code active} and
	 * {@code lastActivityTime}, from the telemetry the device sent; nothing for a device
	 * that never sent any.
	 */
	void serverAttributes(RestCall call) throws IOException {
		List<String> wanted = Arrays.asList(call.query.getOrDefault("keys", "").split(","));
		long last = this.state.latest(call.id).values().stream().mapToLong(TbState.TsEntry::ts).max().orElse(0);
		List<String> items = new ArrayList<>();
		if (last > 0) {
			if (wanted.contains("lastActivityTime")) {
				items.add(JsonFixture.render("shared-attribute.json", JsonFixture.values("lastUpdateTs", last, "key",
						"lastActivityTime", "value", new JsonFixture.Raw(Long.toString(last)))));
			}
			if (wanted.contains("active")) {
				items.add(JsonFixture.render("shared-attribute.json", JsonFixture.values("lastUpdateTs", last, "key",
						"active", "value", new JsonFixture.Raw("true"))));
			}
		}
		call.json(200, "[" + String.join(",", items) + "]");
	}

	void deleteSharedAttributes(RestCall call) throws IOException {
		this.state.deleteSharedAttributes(call.id, Arrays.asList(call.query.getOrDefault("keys", "").split(",")));
		call.ok();
	}

	/**
	 * Device JSON as a real server writes it: 4.3 with a duplicated "type" key, 3.9
	 * without.
	 */
	private void sendDevice(RestCall call, TbState.Device device) throws IOException {
		String configuration = this.version39 ? "{\"type\":\"DEFAULT\"}"
				: "{\"type\":\"DEFAULT\",\"type\":\"DEFAULT\"}";
		call.fixture("device.json",
				JsonFixture.values("id", device.id, "createdTime", device.createdTime, "name", device.name, "profileId",
						device.profileId, "version", device.version, "configuration",
						new JsonFixture.Raw(configuration)));
	}

	private void sendCredentials(RestCall call, TbState.Device device) throws IOException {
		TbState.Credentials c = device.credentials;
		call.fixture("credentials.json",
				JsonFixture.values("id", c.id, "createdTime", c.createdTime, "deviceId", device.id, "credentialsType",
						c.credentialsType, "credentialsId", c.credentialsId, "credentialsValue", c.credentialsValue,
						"version", c.version));
	}

	private static String profile(String id, String name, String transport) {
		return JsonFixture.render("profile.json",
				JsonFixture.values("id", id, "name", name, "transportType", transport));
	}

	private static Object scalar(JsonNode node) {
		if (node.isNumber()) {
			return node.numberValue();
		}
		if (node.isBoolean()) {
			return node.asBoolean();
		}
		return node.isString() ? node.asString() : node.toString();
	}

}

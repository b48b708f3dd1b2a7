package dev.keysmith.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The REST half of the ThingsBoard double: a real HTTP server on loopback answering as
 * ThingsBoard CE 4.3 does (as recorded from a real server), error model and quirks included;
 * or as CE 3.9.1 does, where it differs (no API keys, no CoAP DTLS certificate download, no
 * duplicated key in the device JSON).
 */
final class RestDouble {

	private static final Pattern DEVICE_CREDENTIALS = Pattern.compile("/api/device/([^/]+)/credentials");

	private static final Pattern DEVICE = Pattern.compile("/api/device/([^/]+)");

	private static final Pattern TIMESERIES = Pattern.compile("/api/plugins/telemetry/DEVICE/([^/]+)/values/timeseries");

	private static final Pattern SET_SHARED = Pattern.compile("/api/plugins/telemetry/DEVICE/([^/]+)/attributes/SHARED_SCOPE");

	private static final Pattern READ_SHARED = Pattern.compile("/api/plugins/telemetry/DEVICE/([^/]+)/values/attributes/SHARED_SCOPE");

	private static final Pattern DELETE_SHARED = Pattern.compile("/api/plugins/telemetry/DEVICE/([^/]+)/SHARED_SCOPE");

	private final TbState state;

	private final Clock clock;

	private final boolean version39;

	private final JsonMapper json = JsonMapper.builder().build();

	private final SecureRandom random = new SecureRandom();

	private final HttpServer server;

	final Map<String, String> users = new ConcurrentHashMap<>();

	final Map<String, String> twoFactorUsers = new ConcurrentHashMap<>();

	final List<String> apiKeys = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();

	private final Map<String, Instant> refreshTokens = new ConcurrentHashMap<>();

	volatile Duration tokenLifetime = Duration.ofHours(2).plusMinutes(30);

	volatile Duration refreshTokenLifetime = Duration.ofDays(7);

	volatile Duration delay = Duration.ZERO;

	/** While set, requests are taken and never answered (until it is counted down). */
	volatile CountDownLatch silence;

	volatile String serverCaPem;

	final Deque<Fault> faults = new ConcurrentLinkedDeque<>();

	final List<String> requests = Collections.synchronizedList(new ArrayList<>());

	RestDouble(TbState state, Clock clock, boolean version39) throws IOException {
		this.state = state;
		this.clock = clock;
		this.version39 = version39;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(Executors.newFixedThreadPool(4, (r) -> {
			Thread thread = new Thread(r, "tb-double-http");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	void stop() {
		this.server.stop(0);
		((java.util.concurrent.ExecutorService) this.server.getExecutor()).shutdownNow();
	}

	void expireAllTokens() {
		this.accessTokens.replaceAll((token, expiry) -> this.clock.instant().minusSeconds(1));
	}

	void expireAllRefreshTokens() {
		this.refreshTokens.replaceAll((token, expiry) -> this.clock.instant().minusSeconds(1));
	}

	/** A failure to answer instead of the next request(s) whose path contains {@code pathPart}. */
	record Fault(String pathPart, int status, int errorCode, String message, int[] remaining) {
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			URI uri = exchange.getRequestURI();
			String path = uri.getPath();
			this.requests.add(method + " " + path);
			CountDownLatch silent = this.silence;
			if (silent != null) {
				silent.await(60, TimeUnit.SECONDS);
				return;
			}
			if (!this.delay.isZero()) {
				Thread.sleep(this.delay.toMillis());
			}
			Optional<Fault> fault = takeFault(path);
			if (fault.isPresent()) {
				error(exchange, fault.get().status(), fault.get().errorCode(), fault.get().message());
				return;
			}
			byte[] body = exchange.getRequestBody().readAllBytes();
			route(exchange, method, path, query(uri), body);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			error(exchange, 500, 2, "General server error: " + ex.getMessage());
		}
	}

	private Optional<Fault> takeFault(String path) {
		for (Fault fault : this.faults) {
			if (path.contains(fault.pathPart()) && fault.remaining()[0] > 0) {
				if (--fault.remaining()[0] == 0) {
					this.faults.remove(fault);
				}
				return Optional.of(fault);
			}
		}
		return Optional.empty();
	}

	private void route(HttpExchange exchange, String method, String path, Map<String, String> query, byte[] body)
			throws IOException {
		if (method.equals("POST") && path.equals("/api/auth/login")) {
			login(exchange, body);
			return;
		}
		if (method.equals("POST") && path.equals("/api/auth/token")) {
			refresh(exchange, body);
			return;
		}
		if (method.equals("GET") && path.equals("/api/device-connectivity/coaps/certificate/download")
				&& !this.version39) {
			if (this.serverCaPem == null) {
				error(exchange, 404, 32, "coaps pem cert file is not found!");
			}
			else {
				send(exchange, 200, "application/octet-stream", this.serverCaPem);
			}
			return;
		}
		if (!authenticated(exchange)) {
			return;
		}
		JsonNode request = null;
		if (body.length > 0) {
			try {
				request = this.json.readTree(body);
			}
			catch (RuntimeException ex) {
				error(exchange, 500, 2, "JSON parse error: Unexpected end-of-input within/between Object entries");
				return;
			}
		}
		Matcher m;
		if (method.equals("GET") && path.equals("/api/device-connectivity/coaps/certificate/download")) {
			// 3.9: behind authentication, and never configured
			error(exchange, 404, 32, "coaps pem cert file is not found!");
		}
		else if (method.equals("GET") && path.equals("/api/system/info")) {
			sendJson(exchange, 200, "{\"version\":\"" + (this.version39 ? "3.9.1" : "4.3.1.3")
					+ "\",\"artifact\":\"application\",\"name\":\"ThingsBoard Server Application\",\"type\":\"CE\"}");
		}
		else if (method.equals("GET") && path.equals("/api/tenant/devices")) {
			Optional<TbState.Device> device = this.state.byName(query.getOrDefault("deviceName", ""));
			if (device.isEmpty()) {
				error(exchange, 404, 32, "Requested item wasn't found!");
			}
			else {
				sendJson(exchange, 200, deviceJson(device.get()));
			}
		}
		else if (method.equals("POST") && path.equals("/api/device-with-credentials")) {
			createWithCredentials(exchange, request);
		}
		else if (method.equals("POST") && path.equals("/api/device")) {
			String name = request.path("name").asString();
			if (this.state.nameTaken(name)) {
				error(exchange, 400, 31, "Device with such name already exists!");
			}
			else {
				sendJson(exchange, 200, deviceJson(this.state.create(name, null, "ACCESS_TOKEN", null)));
			}
		}
		else if (method.equals("GET") && (m = DEVICE_CREDENTIALS.matcher(path)).matches()) {
			Optional<TbState.Device> device = this.state.byId(m.group(1));
			if (device.isEmpty()) {
				error(exchange, 404, 32, "Device with id [" + m.group(1) + "] is not found");
			}
			else {
				sendJson(exchange, 200, credentialsJson(device.get()));
			}
		}
		else if (method.equals("POST") && path.equals("/api/device/credentials")) {
			updateCredentials(exchange, request);
		}
		else if (method.equals("DELETE") && (m = DEVICE.matcher(path)).matches()) {
			this.state.byId(m.group(1)).ifPresent(this.state::delete);
			send(exchange, 200, "", "");
		}
		else if (method.equals("GET") && path.equals("/api/deviceProfileInfos")) {
			sendJson(exchange, 200, "{\"data\":[" + profileJson(TbState.DEFAULT_PROFILE_ID, "default", "DEFAULT") + ","
					+ profileJson(TbState.MQTT_PROFILE_ID, "mqtt-only", "MQTT")
					+ "],\"totalPages\":1,\"totalElements\":2,\"hasNext\":false}");
		}
		else if (method.equals("GET") && path.equals("/api/deviceProfileInfo/default")) {
			sendJson(exchange, 200, profileJson(TbState.DEFAULT_PROFILE_ID, "default", "DEFAULT"));
		}
		else if (method.equals("GET") && (m = TIMESERIES.matcher(path)).matches()) {
			latestTelemetry(exchange, m.group(1), query);
		}
		else if (method.equals("POST") && (m = SET_SHARED.matcher(path)).matches()) {
			Map<String, Object> values = new LinkedHashMap<>();
			request.properties().forEach((e) -> values.put(e.getKey(), scalar(e.getValue())));
			this.state.setSharedAttributes(m.group(1), values);
			send(exchange, 200, "", "");
		}
		else if (method.equals("GET") && (m = READ_SHARED.matcher(path)).matches()) {
			List<String> items = new ArrayList<>();
			long ts = this.clock.millis();
			this.state.sharedAttributes(m.group(1))
				.forEach((k, v) -> items.add("{\"lastUpdateTs\":" + ts + ",\"key\":" + quote(k) + ",\"value\":"
						+ this.json.writeValueAsString(v) + "}"));
			sendJson(exchange, 200, "[" + String.join(",", items) + "]");
		}
		else if (method.equals("DELETE") && (m = DELETE_SHARED.matcher(path)).matches()) {
			this.state.deleteSharedAttributes(m.group(1), Arrays.asList(query.getOrDefault("keys", "").split(",")));
			send(exchange, 200, "", "");
		}
		else if (this.version39) {
			// 3.9 answers an unknown path, POST /api/apiKey among them, from Spring's static resources
			error(exchange, 404, 32, "No static resource " + path.substring(1) + ".");
		}
		else {
			error(exchange, 404, 32, "Requested item wasn't found!");
		}
	}

	private void login(HttpExchange exchange, byte[] body) throws IOException {
		JsonNode request = this.json.readTree(body);
		String username = request.path("username").asString();
		String password = request.path("password").asString();
		if (password != null && password.equals(this.twoFactorUsers.get(username))) {
			String token = newToken(this.accessTokens, Duration.ofMinutes(5));
			sendJson(exchange, 200, "{\"token\":\"" + token + "\",\"refreshToken\":null,\"scope\":\"PRE_VERIFICATION_TOKEN\"}");
			return;
		}
		if (password == null || !password.equals(this.users.get(username))) {
			error(exchange, 401, 10, "Invalid username or password");
			return;
		}
		sendTokens(exchange);
	}

	private void refresh(HttpExchange exchange, byte[] body) throws IOException {
		String refreshToken = this.json.readTree(body).path("refreshToken").asString();
		Instant expiry = (refreshToken != null) ? this.refreshTokens.get(refreshToken) : null;
		if (expiry == null) {
			error(exchange, 401, 10, "Authentication failed");
		}
		else if (expiry.isBefore(this.clock.instant())) {
			error(exchange, 401, 11, "Token has expired");
		}
		else {
			sendTokens(exchange);
		}
	}

	private void sendTokens(HttpExchange exchange) throws IOException {
		String token = newToken(this.accessTokens, this.tokenLifetime);
		String refresh = newToken(this.refreshTokens, this.refreshTokenLifetime);
		// as recorded: the login answer (written by the same handler as the refresh) says ISO-8859-1
		send(exchange, 200, "application/json;charset=ISO-8859-1",
				"{\"token\":\"" + token + "\",\"refreshToken\":\"" + refresh + "\"}");
	}

	private String newToken(Map<String, Instant> tokens, Duration lifetime) {
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		String token = "eyJ" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		tokens.put(token, this.clock.instant().plus(lifetime));
		return token;
	}

	private boolean authenticated(HttpExchange exchange) throws IOException {
		String header = exchange.getRequestHeaders().getFirst("X-Authorization");
		if (header != null && header.startsWith("ApiKey ") && this.apiKeys.contains(header.substring(7))
				&& !this.version39) {
			return true;
		}
		if (header != null && header.startsWith("Bearer ")) {
			Instant expiry = this.accessTokens.get(header.substring(7));
			if (expiry != null && expiry.isAfter(this.clock.instant())) {
				return true;
			}
			if (expiry != null) {
				error(exchange, 401, 11, "Token has expired");
				return false;
			}
		}
		if (header != null && this.version39) {
			// as measured: an API key is taken for a bad token
			error(exchange, 401, 10, "Invalid username or password");
			return false;
		}
		error(exchange, 401, 10, "Authentication failed");
		return false;
	}

	private void createWithCredentials(HttpExchange exchange, JsonNode request) throws IOException {
		JsonNode device = request.path("device");
		JsonNode credentials = request.path("credentials");
		String name = device.path("name").asString();
		String type = credentials.path("credentialsType").asString();
		String value = credentials.path("credentialsValue").asString();
		String profileId = device.path("deviceProfileId").path("id").isMissingNode() ? null
				: device.path("deviceProfileId").path("id").asString();
		synchronized (this.state) {
			if (this.state.nameTaken(name)) {
				error(exchange, 400, 31, "Device with such name already exists!");
				return;
			}
			if ("X509_CERTIFICATE".equals(type)
					&& this.state.credentialsTaken(TbState.sha3(TbState.x509CredentialsValue(value)), null)) {
				error(exchange, 400, 31, "Device credentials are already assigned to another device!");
				return;
			}
			sendJson(exchange, 200, deviceJson(this.state.create(name, profileId, type, value)));
		}
	}

	private void updateCredentials(HttpExchange exchange, JsonNode request) throws IOException {
		String deviceId = request.path("deviceId").path("id").asString();
		synchronized (this.state) {
			Optional<TbState.Device> device = this.state.byId(deviceId);
			if (device.isEmpty()) {
				error(exchange, 404, 32, "Device with id [" + deviceId + "] is not found");
				return;
			}
			if (request.path("id").path("id").isMissingNode() || request.path("id").path("id").isNull()) {
				error(exchange, 400, 31, "Credentials for this device are already specified!");
				return;
			}
			TbState.Credentials current = device.get().credentials;
			if (!request.path("id").path("id").asString().equals(current.id)) {
				error(exchange, 400, 31, "Unable to update non-existent device credentials!");
				return;
			}
			JsonNode version = request.path("version");
			if (version.isNumber() && version.asLong() != current.version) {
				error(exchange, 409, 35, "Entity was already changed by someone else");
				return;
			}
			String type = request.path("credentialsType").asString();
			String value = request.path("credentialsValue").asString();
			if ("X509_CERTIFICATE".equals(type)
					&& this.state.credentialsTaken(TbState.sha3(TbState.x509CredentialsValue(value)), deviceId)) {
				error(exchange, 400, 31, "Device credentials are already assigned to another device!");
				return;
			}
			this.state.updateCredentials(device.get(), type, value);
			sendJson(exchange, 200, credentialsJson(device.get()));
		}
	}

	private void latestTelemetry(HttpExchange exchange, String deviceId, Map<String, String> query) throws IOException {
		ObjectNode result = this.json.createObjectNode();
		for (String key : query.getOrDefault("keys", "").split(",")) {
			if (key.isEmpty()) {
				continue;
			}
			ObjectNode entry = result.putArray(key).addObject();
			Optional<TbState.TsEntry> latest = this.state.latest(deviceId, key);
			entry.put("ts", latest.map(TbState.TsEntry::ts).orElse(this.clock.millis()));
			if (latest.isPresent()) {
				entry.put("value", latest.get().value());
			}
			else {
				entry.putNull("value");
			}
		}
		sendJson(exchange, 200, this.json.writeValueAsString(result));
	}

	/** Device JSON as a real server writes it: 4.3 with a duplicated "type" key, 3.9 without. */
	private String deviceJson(TbState.Device device) {
		String configuration = this.version39 ? "{\"type\":\"DEFAULT\"}" : "{\"type\":\"DEFAULT\",\"type\":\"DEFAULT\"}";
		return ("{\"id\":{\"entityType\":\"DEVICE\",\"id\":\"%s\"},\"createdTime\":%d,\"tenantId\":{\"entityType\":\"TENANT\","
				+ "\"id\":\"c47686f0-ea88-11f1-a25e-61a2599407a3\"},\"customerId\":{\"entityType\":\"CUSTOMER\","
				+ "\"id\":\"13814000-1dd2-11b2-8080-808080808080\"},\"name\":%s,\"type\":\"default\",\"label\":null,"
				+ "\"deviceProfileId\":{\"entityType\":\"DEVICE_PROFILE\",\"id\":\"%s\"},\"firmwareId\":null,"
				+ "\"softwareId\":null,\"externalId\":null,\"version\":%d,\"additionalInfo\":null,\"deviceData\":"
				+ "{\"configuration\":%s,\"transportConfiguration\":{\"type\":\"DEFAULT\"}}}")
			.formatted(device.id, device.createdTime, quote(device.name), device.profileId, device.version, configuration);
	}

	private String credentialsJson(TbState.Device device) {
		TbState.Credentials c = device.credentials;
		return ("{\"id\":{\"id\":\"%s\"},\"createdTime\":%d,\"deviceId\":{\"entityType\":\"DEVICE\",\"id\":\"%s\"},"
				+ "\"credentialsType\":\"%s\",\"credentialsId\":%s,\"credentialsValue\":%s,\"version\":%d}")
			.formatted(c.id, c.createdTime, device.id, c.credentialsType, quote(c.credentialsId),
					(c.credentialsValue != null) ? quote(c.credentialsValue) : "null", c.version);
	}

	private static String profileJson(String id, String name, String transport) {
		return ("{\"id\":{\"entityType\":\"DEVICE_PROFILE\",\"id\":\"%s\"},\"tenantId\":{\"entityType\":\"TENANT\","
				+ "\"id\":\"c47686f0-ea88-11f1-a25e-61a2599407a3\"},\"name\":\"%s\",\"image\":null,"
				+ "\"defaultDashboardId\":null,\"type\":\"DEFAULT\",\"transportType\":\"%s\"}").formatted(id, name,
						transport);
	}

	private String quote(String text) {
		return this.json.writeValueAsString(text);
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

	private void error(HttpExchange exchange, int status, int errorCode, String message) throws IOException {
		send(exchange, status, "application/json;charset=ISO-8859-1", "{\"status\":%d,\"message\":%s,\"errorCode\":%d,\"timestamp\":%d}"
			.formatted(status, quote(message), errorCode, this.clock.millis()));
	}

	private static void sendJson(HttpExchange exchange, int status, String body) throws IOException {
		send(exchange, status, "application/json", body);
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		// as recorded: ThingsBoard answers an empty 200 with an empty "Content-Type:" header
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> query = new LinkedHashMap<>();
		if (uri.getRawQuery() != null) {
			for (String pair : uri.getRawQuery().split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
		}
		return query;
	}

}

package dev.keysmith.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;

/**
 * One request to the double's REST side and the means to answer it: the id a route's path
 * holds, the query, the body (raw, and as JSON once the route is behind authentication),
 * and answers written as ThingsBoard writes them.
 */
final class RestCall {

	/**
	 * What ThingsBoard's error and sign-in answers say they are; its other JSON answers
	 * say no charset (as recorded).
	 */
	static final String ISO_JSON = "application/json;charset=ISO-8859-1";

	private final HttpExchange exchange;

	private final Clock clock;

	final String path;

	final Map<String, String> query;

	final byte[] body;

	/** The id in the path ({@code {id}} in the route), or {@code null}. */
	String id;

	/** The body as JSON ({@code null} when there is none or the route is public). */
	JsonNode json;

	RestCall(HttpExchange exchange, Clock clock, byte[] body) {
		this.exchange = exchange;
		this.clock = clock;
		this.path = exchange.getRequestURI().getPath();
		this.query = query(exchange.getRequestURI());
		this.body = body;
	}

	String header(String name) {
		return this.exchange.getRequestHeaders().getFirst(name);
	}

	void json(int status, String body) throws IOException {
		send(status, "application/json", body);
	}

	void fixture(String name, Map<String, ?> values) throws IOException {
		json(200, JsonFixture.render(name, values));
	}

	/**
	 * An empty 200 with an empty {@code Content-Type:} header, as ThingsBoard answers
	 * writes.
	 */
	void ok() throws IOException {
		send(200, "", "");
	}

	void error(int status, int errorCode, String message) throws IOException {
		send(status, ISO_JSON, JsonFixture.render("error.json", Map.of("status", status, "message", message,
				"errorCode", errorCode, "timestamp", this.clock.millis())));
	}

	void send(int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		this.exchange.getResponseHeaders().set("Content-Type", contentType);
		this.exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = this.exchange.getResponseBody()) {
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

package dev.keysmith.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that answers each request with the answer of a recorded
 * exchange ({@link Recording}), chosen by method and path (the query is not looked at):
 * what a client reads from it is byte for byte what the real ThingsBoard sent,
 * {@code <jwt>} replaced by {@link #TOKEN}. A request without a recording is answered 599
 * so that a test notices.
 */
public final class RecordedThingsBoard implements AutoCloseable {

	/** What the recorded answers carry where the recording says {@code <jwt>}. */
	public static final String TOKEN = "eyJhbGciOiJIUzUxMiJ9.recorded.token";

	private final HttpServer server;

	private final Map<String, Recording> answers = new ConcurrentHashMap<>();

	private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

	public RecordedThingsBoard() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** From now on, requests with the recording's method and path get its answer. */
	public RecordedThingsBoard answer(String fileName) {
		Recording recording = Recording.named(fileName);
		return answer(recording.method(), recording.path(), fileName);
	}

	/**
	 * From now on, requests with this method and path get the answer recorded in that
	 * file.
	 */
	public RecordedThingsBoard answer(String method, String path, String fileName) {
		this.answers.put(method + " " + path, Recording.named(fileName));
		return this;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Method and path of every request so far. */
	public List<String> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
			this.requests.add(key);
			Recording recording = this.answers.get(key);
			if (recording == null) {
				exchange.sendResponseHeaders(599, -1);
				return;
			}
			byte[] body = recording.responseBody().replace(Recording.JWT, TOKEN).getBytes(StandardCharsets.UTF_8);
			if (recording.contentType() != null) {
				exchange.getResponseHeaders().set("Content-Type", recording.contentType());
			}
			exchange.sendResponseHeaders(recording.status(), (body.length == 0) ? -1 : body.length);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

package dev.keysmith.expiry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on a loopback port: it keeps every request (headers and body) and
 * answers with the status it is told, or not at all while it is told to hang.
 */
final class Receiver implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger status = new AtomicInteger(204);

	private volatile CountDownLatch hang = new CountDownLatch(0);

	private volatile String retryAfter;

	Receiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/hook", this::handle);
		this.server.setExecutor(this.threads);
		this.server.start();
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook");
	}

	void answer(int status) {
		this.status.set(status);
	}

	/** Answers with this {@code Retry-After} header (null: none). */
	void retryAfter(String value) {
		this.retryAfter = value;
	}

	/** Answers nothing until {@link #stopHanging()} or {@link #close()}. */
	void hang() {
		this.hang = new CountDownLatch(1);
	}

	void stopHanging() {
		this.hang.countDown();
	}

	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.requests
				.add(new Request(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
						exchange.getRequestHeaders().getFirst(WebhookSender.SIGNATURE_HEADER),
						exchange.getRequestHeaders().getFirst(WebhookSender.TIMESTAMP_HEADER), body));
			try {
				this.hang.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (this.retryAfter != null) {
				exchange.getResponseHeaders().set("Retry-After", this.retryAfter);
			}
			exchange.sendResponseHeaders(this.status.get(), -1);
		}
	}

	@Override
	public void close() {
		this.hang.countDown();
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	record Request(String method, String contentType, String signature, String timestamp, byte[] body) {

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}

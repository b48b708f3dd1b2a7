package dev.keysmith.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.keysmith.KeysmithApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application started in this JVM on a data directory of its own, answering
 * HTTP on a free loopback port, reached through the JSON API as {@code admin} with a real
 * HTTP client.
 */
final class RunningKeysmith implements AutoCloseable {

	static final String ADMIN_PASSWORD = "backup-test-admin";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final ConfigurableApplicationContext context;

	private final int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String authorization = "Basic "
			+ Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

	private RunningKeysmith(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	/**
	 * Starts Keysmith on {@code dataDir} with this master key; throws what the start
	 * threw.
	 */
	static RunningKeysmith start(Path dataDir, String masterKey, String... more) {
		return new RunningKeysmith(
				new SpringApplicationBuilder(KeysmithApplication.class).run(arguments(dataDir, masterKey, more)));
	}

	static String[] arguments(Path dataDir, String masterKey, String... more) {
		List<String> args = new ArrayList<>(List.of(more));
		args.addAll(List.of("--keysmith.data-dir=" + dataDir, "--keysmith.vault.master-key=" + masterKey,
				"--keysmith.security.admin-password=" + ADMIN_PASSWORD, "--spring.main.banner-mode=off",
				"--server.port=0", "--server.address=127.0.0.1"));
		return args.toArray(String[]::new);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	HttpResponse<String> get(String path) {
		return send(request(path).GET(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<byte[]> getBytes(String path) {
		return send(request(path).GET(), HttpResponse.BodyHandlers.ofByteArray());
	}

	HttpResponse<String> postJson(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)), HttpResponse.BodyHandlers.ofString());
	}

	/** POSTs with no body and streams the answer into {@code file}. */
	HttpResponse<Path> postToFile(String path, Path file) {
		return send(request(path).POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofFile(file));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(TIMEOUT)
			.header("Authorization", this.authorization)
			// a script exporting keys states why
			.header("X-Keysmith-Reason", "backup test");
	}

	private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
		try {
			return this.http.send(request.build(), body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

}

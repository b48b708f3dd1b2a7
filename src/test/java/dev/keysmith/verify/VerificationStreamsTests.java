package dev.keysmith.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.keysmith.KeysmithApplication;
import dev.keysmith.instance.Instances;
import dev.keysmith.progress.Feed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Event streams of a run that never progresses, over real HTTP connections: a client that
 * goes away is noticed and its follower stops; open streams do not hold up a shutdown.
 */
class VerificationStreamsTests {

	private static final String PASSWORD = "streams-password";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path dataDir;

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void eventsWhenClientDisconnectsThenItsFollowerStops() throws Exception {
		this.context = start();
		Feed<?, ?> events = this.context.getBean("verificationFeed", Feed.class);
		UUID runId = stuckRun();

		InputStream stream = openStream(runId);
		readSteps(stream);
		assertThat(events.activeFollowers()).isEqualTo(1);

		stream.close();

		await().atMost(Duration.ofSeconds(15)).until(() -> events.activeFollowers() == 0);
	}

	@Test
	void closeWhenStreamsOpenThenDoneWithinSecondsAndEveryStreamEnded() throws Exception {
		this.context = start();
		UUID runId = stuckRun();
		List<InputStream> streams = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			InputStream stream = openStream(runId);
			readSteps(stream);
			streams.add(stream);
		}
		assertThat(this.context.getBean("verificationFeed", Feed.class).activeFollowers()).isEqualTo(5);
		List<CompletableFuture<Void>> ended = streams.stream()
			.map((stream) -> CompletableFuture.runAsync(() -> drain(stream)))
			.toList();

		long started = System.nanoTime();
		this.context.close();
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		this.context = null;

		// the web server's graceful shutdown waits up to 30 s for requests in progress
		assertThat(took).isLessThan(Duration.ofSeconds(10));
		CompletableFuture.allOf(ended.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(KeysmithApplication.class).run("--keysmith.data-dir=" + this.dataDir,
				"--keysmith.vault.master-key=", "--keysmith.security.admin-password=" + PASSWORD,
				"--keysmith.verify.stream-heartbeat=1s", "--spring.main.banner-mode=off", "--server.port=0",
				"--server.address=127.0.0.1");
	}

	/**
	 * A run of this instance that never gets anywhere, and is not live here: its watchers
	 * follow the store.
	 */
	private UUID stuckRun() {
		VerificationRun run = new VerificationRun(UUID.randomUUID(), "stuck", UUID.randomUUID(), "nowhere", "admin",
				Instant.now(), "{}", this.context.getBean(Instances.class).currentInstanceId());
		return this.context.getBean(VerificationRunRepository.class).save(run).getId();
	}

	private InputStream openStream(UUID runId) throws Exception {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/verifications/" + runId + "/events"))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.header("Accept", "text/event-stream")
			.GET()
			.build();
		HttpResponse<InputStream> response = this.http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
			.get(30, TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	/** Reads the run's seven steps, as the stream sends them first. */
	private static void readSteps(InputStream stream) throws IOException {
		BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1);
		int steps = 0;
		while (steps < StepName.values().length) {
			String line = reader.readLine();
			assertThat(line).as("the stream ended before the steps").isNotNull();
			if (line.equals("event:step")) {
				steps++;
			}
		}
	}

	private static void drain(InputStream stream) {
		try (stream) {
			stream.transferTo(java.io.OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			// ended by the server closing the connection: ended all the same
		}
	}

}

package dev.keysmith.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.testkit.SilentServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A ThingsBoard that accepts TCP connections and never answers, behind the real HTTP API
 * on a real port: pushes fail within their deadline, and Keysmith itself keeps answering.
 * Passwords are hashed with bcrypt's lowest cost here (in a data directory of this test's
 * own): fifty Basic logins at bcrypt's default cost are seconds of CPU on a small shared
 * machine, which is not what the probes of {@code /login} and {@code /actuator/health}
 * are about.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "keysmith.thingsboard.operation-timeout=2s", "keysmith.thingsboard.circuit-cool-down=60s" })
class HungThingsBoardTests {

	private static final String ADMIN_PASSWORD = KeysmithTestSupport.ADMIN_PASSWORD;

	private static final Duration DEADLINE = Duration.ofSeconds(2);

	/**
	 * What a hung push may take beyond its deadline: scheduling on a shared, busy
	 * machine.
	 */
	private static final Duration MARGIN = Duration.ofSeconds(3);

	static SilentServer silent;

	@LocalServerPort
	int port;

	@TestBean(methodName = "dev.keysmith.KeysmithTestSupport#passwordEncoder")
	PasswordEncoder passwordEncoder;

	@DynamicPropertySource
	static void ownDataDirectory(DynamicPropertyRegistry registry) throws IOException {
		Path dataDir = Files.createTempDirectory("keysmith-hung-");
		registry.add("keysmith.data-dir", dataDir::toString);
		registry.add("keysmith.vault.master-key", () -> "");
		registry.add("keysmith.security.admin-password", () -> ADMIN_PASSWORD);
	}

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void startSilentServer() {
		silent = new SilentServer();
	}

	@AfterAll
	static void stopSilentServer() {
		silent.close();
	}

	@Test
	void pushWhenThingsBoardNeverAnswersThenFailsWithinItsDeadlineNamingIt() throws Exception {
		String server = server("{\"username\":\"tenant@thingsboard.org\",\"password\":\"tenant\"}");
		String device = device();

		long started = System.nanoTime();
		HttpResponse<String> response = push(device, server);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(took).isLessThan(DEADLINE.plus(MARGIN));
		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(response.body()).contains("did not answer within 2 s").doesNotContain("may or may not");
	}

	@Test
	void pushesWhenConcurrentWithPasswordThenOneSignInSharedAndNoneRetried() throws Exception {
		SilentServer own = new SilentServer();
		try (own) {
			String server = server(own, "{\"username\":\"tenant@thingsboard.org\",\"password\":\"tenant\"}");
			List<String> devices = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				devices.add(device());
			}
			List<Timed> results = pushAll(devices, server);
			assertThat(results).allSatisfy((r) -> {
				assertThat(r.took()).isLessThan(DEADLINE.plus(MARGIN));
				assertThat(r.response().statusCode()).isIn(503, 504);
			});
			// one sign-in for all of them, never repeated: one connection
			assertThat(own.connections()).isEqualTo(1);
		}
	}

	@Test
	void fiftyPushesWhenThingsBoardHangsThenBoundedAndLoginAndHealthKeepAnswering() throws Exception {
		String server = server("{\"apiKey\":\"tb_0123456789abcdef\"}");
		List<String> devices = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			devices.add(device());
		}
		int connectionsBefore = silent.connections();
		probe("/login");
		probe("/actuator/health");

		ExecutorService pool = Executors.newFixedThreadPool(50);
		List<CompletableFuture<Timed>> pushes = new ArrayList<>();
		try {
			for (String device : devices) {
				pushes.add(CompletableFuture.supplyAsync(() -> timedPush(device, server), pool));
			}
			CompletableFuture<Void> all = CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new));
			// from the moment the pushes hang on ThingsBoard (past their start: logins,
			// first compilations)
			await().atMost(Duration.ofSeconds(10)).until(() -> silent.connections() > connectionsBefore);
			// each probe answers 200; those that came back before the pushes ended were
			// not held behind them
			List<Boolean> answeredWhilePushesHung = new ArrayList<>();
			while (!all.isDone()) {
				probe("/login");
				probe("/actuator/health");
				answeredWhilePushesHung.add(!all.isDone());
				Thread.sleep(100);
			}
			assertThat(answeredWhilePushesHung).contains(true);
		}
		finally {
			pool.shutdown();
		}
		List<Timed> results = pushes.stream().map(CompletableFuture::join).toList();
		assertThat(results).allSatisfy((r) -> assertThat(r.took()).isLessThan(DEADLINE.plus(MARGIN)));
		assertThat(results).extracting((r) -> r.response().statusCode()).containsOnly(503, 504).contains(503, 504);
		assertThat(results).filteredOn((r) -> r.response().statusCode() == 504)
			.allSatisfy((r) -> assertThat(r.response().body()).contains("did not answer within 2 s"));
		assertThat(results).filteredOn((r) -> r.response().statusCode() == 503).allSatisfy((r) -> {
			assertThat(r.response().headers().firstValue("Retry-After")).isPresent();
			assertThat(r.response().body()).containsAnyOf("busy", "did not answer");
		});
		// bounded concurrency: a handful of calls reached the hung server, not fifty
		assertThat(silent.connections() - connectionsBefore).isLessThanOrEqualTo(8);
	}

	private List<Timed> pushAll(List<String> devices, String server) {
		ExecutorService pool = Executors.newFixedThreadPool(devices.size());
		try {
			List<CompletableFuture<Timed>> pushes = devices.stream()
				.map((device) -> CompletableFuture.supplyAsync(() -> timedPush(device, server), pool))
				.toList();
			return pushes.stream().map(CompletableFuture::join).toList();
		}
		finally {
			pool.shutdown();
		}
	}

	private Timed timedPush(String device, String server) {
		long started = System.nanoTime();
		try {
			HttpResponse<String> response = push(device, server);
			return new Timed(response, Duration.ofNanos(System.nanoTime() - started));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void probe(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> push(String device, String server) throws Exception {
		return post("/api/devices/" + device + "/push", "{\"serverId\":\"" + server + "\"}");
	}

	private String device() throws Exception {
		HttpResponse<String> response = post("/api/devices", "{\"name\":\"hung-" + UUID.randomUUID() + "\"}");
		assertThat(response.statusCode()).isEqualTo(201);
		return JsonPath.read(response.body(), "$.id");
	}

	private String server(String auth) throws Exception {
		return server(silent, auth);
	}

	private String server(SilentServer target, String auth) throws Exception {
		String body = "{\"name\":\"hung-" + UUID.randomUUID() + "\",\"url\":\"" + target.baseUrl() + "\","
				+ auth.substring(1);
		HttpResponse<String> response = post("/api/thingsboard/servers", body);
		assertThat(response.statusCode()).isEqualTo(201);
		return JsonPath.read(response.body(), "$.id");
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			// bounds the test when Keysmith does not bound the push
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	record Timed(HttpResponse<String> response, Duration took) {
	}

}

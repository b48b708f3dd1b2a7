package dev.keysmith.thingsboard.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.SilentServer;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The client's bounds against a ThingsBoard that hangs: one deadline per operation, named
 * in the message; a sign-in that is shared and never repeated; a circuit that opens and
 * closes.
 */
@ThingsBoardDoubleTest(shared = false)
class ThingsBoardClientBoundsTests {

	private static final Duration DEADLINE = Duration.ofSeconds(1);

	/** What a call may take beyond its deadline on a busy shared machine. */
	private static final Duration MARGIN = Duration.ofSeconds(2);

	private final SilentServer silent = new SilentServer();

	ThingsBoardDouble thingsBoard;

	@AfterEach
	void stop() {
		this.silent.close();
	}

	@Test
	void signInWhenUnansweredThenFailsWithinItsDeadlineOnceAndNeverSaysTheChangeMayHaveBeenMade() {
		ThingsBoardClient client = silentClient(password());
		long started = System.nanoTime();
		assertThatExceptionOfType(ThingsBoardException.class).isThrownBy(client::checkAuthentication)
			.withMessage("ThingsBoard (silent) did not answer within 1 s")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ThingsBoardException.Kind.NO_ANSWER));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DEADLINE.plus(MARGIN));
		// the login was not repeated
		assertThat(this.silent.connections()).isEqualTo(1);
	}

	@Test
	void readWhenUnansweredThenSaysOnlyThatItDidNotAnswerWithinTheDeadline() {
		ThingsBoardClient client = silentClient(apiKey());
		long started = System.nanoTime();
		assertThatExceptionOfType(ThingsBoardException.class).isThrownBy(client::deviceProfiles)
			.withMessage("ThingsBoard (silent) did not answer within 1 s");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DEADLINE.plus(MARGIN));
	}

	@Test
	void writeWhenUnansweredThenTheChangeMayOrMayNotHaveBeenMade() {
		ThingsBoardClient client = silentClient(apiKey());
		String pem = PemCodec.certificate(new CertificateIssuer().issue(KeyType.EC_P256, "w", 1).certificate());
		assertThatExceptionOfType(ThingsBoardException.class)
			.isThrownBy(() -> client.createDeviceWithCredentials("w", null, pem))
			.withMessage("ThingsBoard (silent) did not answer within 1 s; the change may or may not have been made");
	}

	@Test
	void operationWhenSeveralCallsThenOneDeadlineForAll() {
		this.thingsBoard.slowDown(Duration.ofMillis(700));
		ThingsBoardClient operation = client(this.thingsBoard.baseUrl(), "double", Duration.ofSeconds(5),
				Duration.ofSeconds(2), new ThingsBoardClient.Credentials(null, null, this.thingsBoard.createApiKey()))
			.operation();
		operation.defaultProfile();
		operation.defaultProfile();
		// each call alone fits in the deadline; the third does not fit in what is left of
		// it
		assertThatExceptionOfType(ThingsBoardException.class).isThrownBy(operation::defaultProfile)
			.withMessage("ThingsBoard (double) did not answer within 2 s");
	}

	@Test
	void signInWhenConcurrentCallersThenOneLoginSharedByAll() {
		this.thingsBoard.slowDown(Duration.ofMillis(300));
		ThingsBoardClient client = client(this.thingsBoard.baseUrl(), "double", Duration.ofSeconds(5),
				Duration.ofSeconds(10), password());
		ExecutorService pool = Executors.newFixedThreadPool(5);
		try {
			List<CompletableFuture<Object>> callers = List.of(1, 2, 3, 4, 5)
				.stream()
				.map((i) -> CompletableFuture.supplyAsync(() -> (Object) client.findDeviceByName("nobody-" + i), pool))
				.toList();
			callers.forEach(CompletableFuture::join);
		}
		finally {
			pool.shutdown();
		}
		assertThat(this.thingsBoard.requests()).filteredOn("POST /api/auth/login"::equals).hasSize(1);
	}

	@Test
	void circuitWhenServerStopsAnsweringThenFailsFastAndRecoversAfterCoolDown() {
		ThingsBoardClient client = client(this.thingsBoard.baseUrl(), "double", Duration.ofMillis(300),
				Duration.ofSeconds(2), new ThingsBoardClient.Credentials(null, null, this.thingsBoard.createApiKey()),
				Duration.ofSeconds(2));
		assertThat(client.deviceProfiles()).hasSize(2);
		this.thingsBoard.silence(true);
		// reads are repeated while the deadline allows: three unanswered requests open
		// the circuit
		assertThatExceptionOfType(ThingsBoardException.class).isThrownBy(client::deviceProfiles)
			.withMessageContaining("did not answer within");

		int asked = this.thingsBoard.requests().size();
		assertThatExceptionOfType(ThingsBoardUnavailableException.class).isThrownBy(client::deviceProfiles)
			.withMessageContaining(
					"did not answer 3 calls in a row: Keysmith does not call it for 2 s and tries again at")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ThingsBoardException.Kind.NOT_CALLED));
		assertThat(this.thingsBoard.requests()).hasSize(asked);

		this.thingsBoard.silence(false);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptionsInstanceOf(ThingsBoardUnavailableException.class)
			.untilAsserted(() -> assertThat(client.deviceProfiles()).hasSize(2));
		assertThat(client.defaultProfile().name()).isEqualTo("default");
	}

	@Test
	void circuitWhenServerAnswersWithErrorsThenStaysClosed() {
		ThingsBoardClient client = client(this.thingsBoard.baseUrl(), "double", Duration.ofSeconds(2), DEADLINE,
				new ThingsBoardClient.Credentials(null, null, this.thingsBoard.createApiKey()));
		this.thingsBoard.failNext("/api/deviceProfileInfo/default", 8, 500, 2, "General server error");
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(ThingsBoardException.class).isThrownBy(client::defaultProfile)
				.withMessageContaining("failed with HTTP 500");
		}
		assertThat(client.defaultProfile().name()).isEqualTo("default");
	}

	private ThingsBoardClient silentClient(ThingsBoardClient.Credentials credentials) {
		return client(this.silent.baseUrl(), "silent", Duration.ofSeconds(5), DEADLINE, credentials);
	}

	private static ThingsBoardClient client(String url, String name, Duration readTimeout, Duration deadline,
			ThingsBoardClient.Credentials credentials) {
		return client(url, name, readTimeout, deadline, credentials, Duration.ofSeconds(30));
	}

	private static ThingsBoardClient client(String url, String name, Duration readTimeout, Duration deadline,
			ThingsBoardClient.Credentials credentials, Duration coolDown) {
		ThingsBoardProperties properties = new ThingsBoardProperties(Duration.ofSeconds(2), readTimeout, 3,
				Duration.ofMillis(20), deadline, 4, Duration.ofSeconds(1), 3, coolDown, null);
		return TestClients.clients(properties).client(url, name, credentials);
	}

	private static ThingsBoardClient.Credentials password() {
		return new ThingsBoardClient.Credentials(ThingsBoardDouble.TENANT_ADMIN, ThingsBoardDouble.TENANT_PASSWORD,
				null);
	}

	private static ThingsBoardClient.Credentials apiKey() {
		return new ThingsBoardClient.Credentials(null, null, "tb_0123456789abcdef");
	}

}

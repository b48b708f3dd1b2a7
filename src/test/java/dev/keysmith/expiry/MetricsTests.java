package dev.keysmith.expiry;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceFixtures;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.push.PushException;
import dev.keysmith.push.PushService;
import dev.keysmith.testkit.TestCa;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.verify.RunStatus;
import dev.keysmith.verify.RunView;
import dev.keysmith.verify.VerificationService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Keysmith's metrics at {@code /actuator/prometheus}, signed in like the API: the
 * certificates by window and server, pushes and verifications by outcome and cause (a
 * real push and verification against the ThingsBoard double), verification step
 * latencies, batch items by outcome.
 */
@ThingsBoardDoubleTest(publishServerCa = true)
class MetricsTests extends ExpiryTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Autowired
	ThingsBoardServerService servers;

	@Autowired
	PushService push;

	@Autowired
	VerificationService verifications;

	@Autowired
	ExpiryMetrics metrics;

	@Autowired
	ApplicationContext context;

	/**
	 * The double checks certificates against the real time: the clock other tests moved
	 * on comes back to it.
	 */
	@BeforeEach
	void realTime() {
		CLOCK.set(Instant.now());
	}

	@Test
	void prometheusWhenNotSignedInThen401ElsePrometheusText() {
		assertThat(this.mvc.get().uri("/actuator/prometheus")).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.metrics.refresh();
		MvcTestResult scraped = getAsAdmin("/actuator/prometheus");
		assertThat(scraped).hasStatusOk();
		assertThat(scraped.getResponse().getContentType()).startsWith("text/plain");
		assertThat(body(scraped)).contains("# TYPE keysmith_certificates gauge");
	}

	@Test
	void prometheusWhenPushedAndVerifiedThenCountedByOutcomeAndCauseWithStepLatencies() throws Exception {
		UUID server = this.servers.create(thingsBoard.serverSettings(unique("metrics"))).getId();
		this.servers.fetchServerCa(server);
		this.servers.confirmServerCa(server, Fingerprints.sha256(thingsBoard.serverCa()));
		String serverName = this.servers.get(server).getName();
		UUID device = device(unique("metered"), 20);
		Instant now = CLOCK.instant();
		Device expired = DeviceFixtures.storeWithKey(this.context, unique("metered-expired"), new TestCa("metrics-ca")
			.clientCredential("metered-expired", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));
		String before = scrape();

		this.push.push(device, server, null, "admin");
		assertThatExceptionOfType(PushException.class)
			.isThrownBy(() -> this.push.push(expired.getId(), server, null, "admin"));
		RunView run = this.verifications.verify(device, server, null, "admin", Duration.ZERO)
			.verdict()
			.get(60, TimeUnit.SECONDS);
		assertThat(run.status()).isEqualTo(RunStatus.PASSED);
		this.metrics.refresh();

		String after = scrape();
		assertThat(delta(before, after, "keysmith_pushes_total", Map.of("outcome", "pushed", "cause", "none")))
			.isEqualTo(1);
		assertThat(delta(before, after, "keysmith_pushes_total",
				Map.of("outcome", "failed", "cause", "CERTIFICATE_EXPIRED")))
			.isEqualTo(1);
		assertThat(delta(before, after, "keysmith_verifications_total", Map.of("outcome", "passed", "cause", "none")))
			.isEqualTo(1);
		assertThat(delta(before, after, "keysmith_verification_step_seconds_count",
				Map.of("step", "HANDSHAKE", "status", "PASSED")))
			.isEqualTo(1);
		assertThat(value(after, "keysmith_verification_step_seconds_sum", Map.of("step", "HANDSHAKE"))).isPositive();
		assertThat(value(after, "keysmith_certificates", Map.of("server", serverName, "window", "within_30_days")))
			.isEqualTo(1);
		assertThat(value(after, "keysmith_certificates", Map.of("server", serverName, "window", "later"))).isEqualTo(0);
	}

	@Test
	void prometheusWhenABatchItemEndsThenCountedByOutcome() {
		String before = scrape();
		MvcTestResult created = postJson("/api/batches",
				"{\"pattern\":\"%s-{01}\",\"start\":1,\"count\":2}".formatted(unique("metered-batch")));
		assertThat(created).hasStatus(HttpStatus.CREATED);
		String batch = read(created, "$.id");

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> "COMPLETED".equals(read(getAsAdmin("/api/batches/" + batch), "$.state")));

		assertThat(delta(before, scrape(), "keysmith_batch_items_total", Map.of("outcome", "issued", "cause", "none")))
			.isEqualTo(2);
	}

	private String scrape() {
		MvcTestResult scraped = getAsAdmin("/actuator/prometheus");
		assertThat(scraped).hasStatusOk();
		return body(scraped);
	}

	private static double delta(String before, String after, String name, Map<String, String> labels) {
		return value(after, name, labels) - value(before, name, labels);
	}

	/** The sum of the samples of this name whose labels include these; 0 when none. */
	private static double value(String scraped, String name, Map<String, String> labels) {
		Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scraped);
		double sum = 0;
		while (sample.find()) {
			String found = sample.group(1);
			if (labels.entrySet().stream().allMatch((l) -> found.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
				sum += Double.parseDouble(sample.group(2));
			}
		}
		return sum;
	}

}

package dev.keysmith.expiry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.account.TestAccounts;
import dev.keysmith.audit.AuditEvent;
import dev.keysmith.audit.AuditLog;
import dev.keysmith.pki.Openssl;
import dev.keysmith.testkit.NeedsOpenssl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The webhook against a real HTTP receiver on a loopback port: what it receives and how
 * it can check the signature (with the openssl CLI as the independent HMAC), a receiver
 * that fails or does not answer, and the settings that keep the secret sealed and
 * unshown.
 */
class WebhookTests extends ExpiryTestSupport {

	private static final String SECRET = "a-webhook-secret-of-some-length";

	@Autowired
	ExpirySchedule schedule;

	@Autowired
	ExpiryScan scan;

	@Autowired
	WebhookNotifier notifier;

	@Autowired
	ExpiryEntryRepository entries;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path dir;

	private Receiver receiver;

	@BeforeEach
	void receiver() throws Exception {
		this.receiver = new Receiver();
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@NeedsOpenssl
	@Test
	void scanWhenACertificateEntersAWindowThenTheReceiverGetsItSignedAndTimestamped() throws Exception {
		configure(this.receiver.url().toString(), SECRET);
		String name = unique("hooked");
		UUID device = device(name, 5);

		this.schedule.scanAndNotify();

		assertThat(this.receiver.requests()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.contentType()).isEqualTo("application/json");
			String json = request.text();
			assertThat(JsonPath.<String>read(json, "$.type")).isEqualTo("keysmith.certificates.entered-window");
			assertThat(JsonPath.<List<String>>read(json, "$.devices[?(@.deviceId == '" + device + "')].window"))
				.containsExactly("within7Days");
			assertThat(JsonPath.<List<String>>read(json, "$.devices[?(@.deviceId == '" + device + "')].deviceName"))
				.containsExactly(name);
			assertThat(JsonPath.<List<Integer>>read(json, "$.devices[?(@.deviceId == '" + device + "')].daysLeft"))
				.containsExactly(4);
			// the timestamp header repeats the signed body's sentAt
			Instant sentAt = Instant.parse(JsonPath.read(json, "$.sentAt"));
			assertThat(request.timestamp()).isEqualTo(String.valueOf(sentAt.getEpochSecond()));
			assertThat(request.signature()).isEqualTo("sha256=" + opensslHmac(request.body()));
			assertThat(json).doesNotContain(SECRET);
		});
		assertThat(pendingOf(device)).isEmpty();

		// told once: the next round has nothing to send
		this.schedule.scanAndNotify();
		assertThat(this.receiver.requests()).hasSize(1);
	}

	@Test
	void deliverWhenTheReceiverFailsThenTheNoticeWaitsAndGoesInALaterRound() {
		configure(this.receiver.url().toString(), null);
		this.receiver.answer(503);
		UUID device = device(unique("hook-down"), 5);

		this.schedule.scanAndNotify();

		// tried as often as configured (2), then left for a later round
		assertThat(this.receiver.requests()).hasSize(2);
		assertThat(this.receiver.requests().get(0).signature()).isNull();
		assertThat(pendingOf(device)).hasSize(1);
		MvcTestResult settings = getAsAdmin("/api/admin/webhook");
		assertThat(read(settings, "$.lastOutcome").toString()).startsWith("HTTP 503 from 127.0.0.1:");
		assertThat((Integer) read(settings, "$.pendingEntries")).isPositive();

		this.receiver.answer(200);
		assertThat(this.notifier.deliverPending()).isPositive();

		assertThat(this.receiver.requests()).hasSize(3);
		assertThat(this.receiver.requests().get(2).text()).contains(device.toString());
		assertThat(pendingOf(device)).isEmpty();
		assertThat(read(getAsAdmin("/api/admin/webhook"), "$.lastDeliveredAt").toString()).isNotBlank();
	}

	@Test
	void deliverWhenTheReceiverAsksForALongerPauseThanTheRoundThenItIsLeftForTheNextRound() {
		configure(this.receiver.url().toString(), null);
		this.receiver.answer(429);
		this.receiver.retryAfter("120");
		UUID device = device(unique("hook-busy"), 5);

		this.schedule.scanAndNotify();

		// asked once, not again within the round (2 tries of 100 ms pauses otherwise)
		assertThat(this.receiver.requests()).hasSize(1);
		assertThat(pendingOf(device)).hasSize(1);
		assertThat(read(getAsAdmin("/api/admin/webhook"), "$.lastOutcome").toString()).contains("HTTP 429")
			.contains("asked to wait 120 s");
	}

	@Test
	void deliverWhenAnotherInstanceHoldsTheEntryThenItIsNotSentUntilThatClaimEnds() {
		configure(this.receiver.url().toString(), null);
		UUID device = device(unique("hook-held"), 5);
		this.scan.scan();
		// another instance's round holds it for five minutes
		this.jdbc.update("UPDATE expiry_entry SET claim_token = ?, claimed_until = ? WHERE device_id = ?",
				UUID.randomUUID(), Timestamp.from(CLOCK.instant().plus(Duration.ofMinutes(5))), device);

		this.notifier.deliverPending();

		assertThat(this.receiver.requests()).noneMatch((request) -> request.text().contains(device.toString()));
		assertThat(pendingOf(device)).hasSize(1);

		// that instance is gone: its claim ends by itself, and this one sends the entry
		CLOCK.advance(Duration.ofMinutes(6));
		this.notifier.deliverPending();

		assertThat(this.receiver.requests()).anyMatch((request) -> request.text().contains(device.toString()));
		assertThat(pendingOf(device)).isEmpty();
	}

	@Test
	void deliverWhenNothingListensThenTheNoticeWaitsWithTheReasonRecorded() {
		String url = this.receiver.url().toString();
		this.receiver.close();
		configure(url, null);
		UUID device = device(unique("hook-gone"), 5);

		this.schedule.scanAndNotify();

		assertThat(pendingOf(device)).hasSize(1);
		assertThat(read(getAsAdmin("/api/admin/webhook"), "$.lastOutcome").toString())
			.startsWith("No answer from 127.0.0.1:");
	}

	@Test
	void deliverWhenTheReceiverDoesNotAnswerThenTheRoundEndsWithinItsDeadlines() {
		configure(this.receiver.url().toString(), null);
		this.receiver.hang();
		UUID device = device(unique("hook-hung"), 5);
		this.scan.scan(); // the scan alone: the delivery is timed by itself

		long started = System.nanoTime();
		int taken = this.notifier.deliverPending();
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		// 2 tries of a 1 s read deadline and a 100 ms pause; generous bound for a
		// shared machine
		assertThat(took).isLessThan(Duration.ofSeconds(15));
		assertThat(taken).isZero();
		assertThat(pendingOf(device)).hasSize(1);
		assertThat(read(getAsAdmin("/api/admin/webhook"), "$.lastOutcome").toString()).contains("HttpTimeoutException");
		this.receiver.stopHanging();
	}

	@Test
	void settingsWhenASecretIsSetThenItIsSealedAtRestAuditedAndNeverShown() {
		MvcTestResult put = configure("https://hooks.example.com/keysmith", SECRET);
		assertThat(put).hasStatusOk();
		assertThat(body(put)).doesNotContain(SECRET);
		assertThat((Boolean) read(put, "$.secretSet")).isTrue();

		assertThat(body(getAsAdmin("/api/admin/webhook"))).doesNotContain(SECRET).contains("\"secretSet\":true");
		MvcTestResult page = this.mvc.get().uri("/settings/webhook").with(TestAccounts.everyRole("admin")).exchange();
		assertThat(page).hasStatusOk();
		assertThat(body(page)).doesNotContain(SECRET)
			.contains("(set: unchanged unless you type a new one)")
			.contains("https://hooks.example.com/keysmith");
		String stored = this.jdbc.queryForObject("SELECT sealed_secret FROM expiry_webhook", String.class);
		assertThat(stored).isNotBlank().doesNotContain(SECRET);
		AuditEvent change = this.audit.recent(WebhookService.AUDIT_ACTION, 1).get(0);
		assertThat(change.getActor()).isEqualTo("admin");
		assertThat(change.getDetail()).contains("https://hooks.example.com/keysmith")
			.contains("new secret")
			.doesNotContain(SECRET);

		// changing the URL alone keeps the secret; removing it is said and audited
		assertThat((Boolean) read(configure("https://hooks.example.com/other", null), "$.secretSet")).isTrue();
		MvcTestResult removed = putJson("/api/admin/webhook",
				"{\"url\":\"https://hooks.example.com/other\",\"removeSecret\":true}");
		assertThat((Boolean) read(removed, "$.secretSet")).isFalse();
		assertThat(this.audit.recent(WebhookService.AUDIT_ACTION, 1).get(0).getDetail()).contains("secret removed");
	}

	@Test
	void settingsWhenTheUrlOrSecretIsBadThen400NamingTheFieldAndNothingChanges() {
		configure("https://hooks.example.com/kept", null);
		for (String url : List.of("ftp://hooks.example.com/x", "javascript:alert(1)", "http://bad host/x",
				"https://user:pw@hooks.example.com/x", "hooks.example.com/x")) {
			MvcTestResult result = configure(url, null);
			assertThat(result).as(url).hasStatus(HttpStatus.BAD_REQUEST);
			assertThat(read(result, "$.field").toString()).as(url).isEqualTo("url");
		}
		MvcTestResult shortSecret = configure("https://hooks.example.com/x", "short");
		assertThat(shortSecret).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(read(shortSecret, "$.field").toString()).isEqualTo("secret");
		assertThat(read(getAsAdmin("/api/admin/webhook"), "$.url").toString())
			.isEqualTo("https://hooks.example.com/kept");

		MvcTestResult page = this.mvc.post()
			.uri("/settings/webhook")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("url", "ftp://hooks.example.com/x")
			.param("secret", SECRET)
			.exchange();
		assertThat(page).hasStatusOk();
		assertThat(body(page)).contains("must be an http:// or https:// address").doesNotContain(SECRET);
	}

	private MvcTestResult configure(String url, String secret) {
		String json = (secret != null) ? "{\"url\":\"%s\",\"secret\":\"%s\"}".formatted(url, secret)
				: "{\"url\":\"%s\"}".formatted(url);
		return putJson("/api/admin/webhook", json);
	}

	private List<ExpiryEntry> pendingOf(UUID device) {
		return this.entries.findAll()
			.stream()
			.filter((entry) -> entry.getDeviceId().equals(device) && entry.getNotifiedAt() == null)
			.toList();
	}

	private String opensslHmac(byte[] body) throws Exception {
		Path file = this.dir.resolve("body.json");
		Files.write(file, body);
		String out = Openssl.run(this.dir, "dgst", "-sha256", "-hmac", SECRET, "-r", "body.json");
		return out.strip().split("\\s+")[0];
	}

}

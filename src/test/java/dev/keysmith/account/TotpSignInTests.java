package dev.keysmith.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.audit.AuditLog;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * The TOTP second factor through the pages, on the whole application: enrolment, the code
 * after the password, wrong and replayed codes, recovery codes, HTTP Basic, and the
 * secret at rest. Each test has an account and a client address of its own.
 */
class TotpSignInTests extends KeysmithTestSupport {

	static final String PASSWORD = "totp-test-password-7f3a";

	private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<");

	private static final Pattern RECOVERY = Pattern.compile("<li><code>([a-z2-7]{5}-[a-z2-7]{5})</code></li>");

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog audit;

	@Test
	void enrolWhenCodeRightThenOnWithTenRecoveryCodesAndSecretSealedAtRest() throws Exception {
		Enrolled alice = enrol("totp-alice", "10.77.1.1");
		assertThat(alice.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();
		var row = this.jdbc.sql("SELECT sealed_secret, vault_key_id FROM account_totp WHERE username = ?")
			.param("totp-alice")
			.query()
			.singleRow();
		String stored = (String) row.get("sealed_secret");
		assertThat(stored).doesNotContain(alice.secret())
			.doesNotContain(java.util.Base64.getEncoder().encodeToString(Base32.decode(alice.secret())));
		assertThat((String) row.get("vault_key_id")).isNotBlank();
		List<String> hashes = this.jdbc.sql("SELECT code_hash FROM account_recovery_code WHERE username = ?")
			.param("totp-alice")
			.query(String.class)
			.list();
		assertThat(hashes).hasSize(10).noneMatch((hash) -> alice.recoveryCodes().contains(hash));
		assertThat(this.audit.recent("TOTP_ENABLED", 50)).anyMatch((event) -> "totp-alice".equals(event.getActor()));
	}

	@Test
	void enrolWhenCodeWrongThenStaysOffAndSaysSo() throws Exception {
		account("totp-bob", Role.OPERATOR);
		MockHttpSession session = signedIn("totp-bob", "10.77.2.1");
		String page = this.mvc.get()
			.uri("/account/totp")
			.session(session)
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("data:image/svg+xml;base64,");
		String secret = find(SECRET, page);
		String wrong = wrongCode(Base32.decode(secret));
		assertThat(this.mvc.post().uri("/account/totp").param("code", wrong).with(csrf()).session(session))
			.hasStatusOk()
			.bodyText()
			.contains("The code is not right for this secret");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM account_totp WHERE username = 'totp-bob'")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void loginWhenTotpOnThenPasswordAloneSignsNothingInAndTheCodeDoes() throws Exception {
		Enrolled carol = enrol("totp-carol", "10.77.3.1");
		MockHttpSession pending = passwordStep("totp-carol", "10.77.3.2");
		assertThat(this.mvc.get().uri("/devices").session(pending)).hasStatus(HttpStatus.FOUND)
			.redirectedUrl()
			.endsWith("/login");
		assertThat(this.mvc.get().uri("/account/totp").session(pending)).hasStatus(HttpStatus.FOUND);

		MvcTestResult signedIn = code(pending, Totp.code(carol.key(), Totp.step(Instant.now()) + 1, 6), "10.77.3.2");
		// on to the page asked for last before signing in, as after a password alone
		assertThat(signedIn).hasStatus(HttpStatus.FOUND).redirectedUrl().endsWith("/account/totp?continue");
		MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession(false);
		assertThat(this.mvc.get().uri("/devices").session(session)).hasStatusOk();
		assertThat(session.getAttribute(StepUp.ATTRIBUTE)).isInstanceOf(Instant.class);
	}

	@Test
	void loginWhenCodeReplayedThenRefused() throws Exception {
		Enrolled dave = enrol("totp-dave", "10.77.4.1");
		String next = Totp.code(dave.key(), Totp.step(Instant.now()) + 1, 6);
		assertThat(code(passwordStep("totp-dave", "10.77.4.2"), next, "10.77.4.2")).hasStatus(HttpStatus.FOUND)
			.redirectedUrl()
			.doesNotStartWith("/login");
		MvcTestResult replayed = code(passwordStep("totp-dave", "10.77.4.2"), next, "10.77.4.2");
		assertThat(replayed).hasStatusOk().bodyText().contains("Wrong code, or a code used already");
		// the code the enrolment confirmed is used up too
		MvcTestResult enrolmentCode = code(passwordStep("totp-dave", "10.77.4.2"), dave.confirmedWith(), "10.77.4.2");
		assertThat(enrolmentCode).hasStatusOk().bodyText().contains("Wrong code");
	}

	@Test
	void loginWhenWrongCodesThenCountedInTheLoginThrottle() throws Exception {
		Enrolled erin = enrol("totp-erin", "10.77.5.1");
		String wrong = wrongCode(erin.key());
		MockHttpSession pending = passwordStep("totp-erin", "10.77.5.2");
		for (int i = 0; i < 4; i++) {
			assertThat(code(pending, wrong, "10.77.5.2")).hasStatusOk().bodyText().contains("Wrong code");
		}
		assertThat(code(pending, wrong, "10.77.5.2")).hasStatus(HttpStatus.FOUND)
			.redirectedUrl()
			.startsWith("/login?throttled=");
		// the right password does not clear the count: still refused
		assertThat(this.mvc.post()
			.uri("/login")
			.param("username", "totp-erin")
			.param("password", PASSWORD)
			.with(csrf())
			.with(from("10.77.5.2"))).hasStatus(HttpStatus.FOUND).redirectedUrl().startsWith("/login?throttled=");
	}

	@Test
	void loginWhenRecoveryCodeThenSignedInOnceOnly() throws Exception {
		Enrolled frank = enrol("totp-frank", "10.77.6.1");
		String recovery = frank.recoveryCodes().get(3);
		assertThat(code(passwordStep("totp-frank", "10.77.6.2"), recovery.toUpperCase(), "10.77.6.2"))
			.hasStatus(HttpStatus.FOUND)
			.redirectedUrl()
			.doesNotStartWith("/login");
		assertThat(code(passwordStep("totp-frank", "10.77.6.2"), recovery, "10.77.6.2")).hasStatusOk()
			.bodyText()
			.contains("Wrong code");
		assertThat(code(passwordStep("totp-frank", "10.77.6.2"), frank.recoveryCodes().get(4), "10.77.6.2"))
			.hasStatus(HttpStatus.FOUND);
	}

	@Test
	void basicWhenTotpOnThenRefusedNamingApiTokens() throws Exception {
		enrol("totp-grace", "10.77.7.1");
		MvcTestResult refused = this.mvc.get()
			.uri("/api/devices")
			.with(httpBasic("totp-grace", PASSWORD))
			.with(from("10.77.7.2"))
			.exchange();
		assertThat(refused).hasStatus(HttpStatus.UNAUTHORIZED).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("second factor")
			.contains("API token");
		assertThat(this.mvc.get().uri("/api/devices").with(httpBasic("totp-grace", "wrong-password-1234")))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.doesNotContain("second factor");
	}

	@Test
	void disableWhenWrongCodesTooOftenThenRefusedEvenWithARightOneAndAudited() throws Exception {
		Enrolled ivan = enrol("totp-ivan", "10.77.9.1");
		MockHttpSession session = signedIn("totp-ivan", ivan, "10.77.9.2");
		for (int i = 0; i < 5; i++) {
			assertThat(this.mvc.post()
				.uri("/account/totp/disable")
				.param("code", wrongCode(ivan.key()))
				.with(csrf())
				.with(from("10.77.9.2"))
				.session(session)).hasStatus(HttpStatus.FOUND)
				.flash()
				.containsEntry("error", "The code is not right: the second factor stays on.");
		}
		assertThat(this.mvc.post()
			.uri("/account/totp/disable")
			.param("code", ivan.recoveryCodes().get(0))
			.with(csrf())
			.with(from("10.77.9.2"))
			.session(session)).hasStatus(HttpStatus.FOUND)
			.flash()
			.hasEntrySatisfying("error",
					(error) -> assertThat((String) error).startsWith("Too many wrong passwords or codes"));
		assertThat(this.mvc.get().uri("/account/totp").session(session)).bodyText().doesNotContain("is off");
		assertThat(this.audit.recent("TOTP_CODE_FAILED", 50))
			.filteredOn((event) -> "totp-ivan".equals(event.getActor()))
			.hasSize(5);
		assertThat(this.audit.recent("TOTP_DISABLED", 50)).noneMatch((event) -> "totp-ivan".equals(event.getActor()));
	}

	@Test
	void disableWhenCodeWrongThenStaysOnAndWithRightCodeOff() throws Exception {
		Enrolled heidi = enrol("totp-heidi", "10.77.8.1");
		MockHttpSession session = signedIn("totp-heidi", heidi, "10.77.8.2");
		assertThat(this.mvc.post()
			.uri("/account/totp/disable")
			.param("code", wrongCode(heidi.key()))
			.with(csrf())
			.session(session)).hasStatus(HttpStatus.FOUND);
		assertThat(this.mvc.get().uri("/account/totp").session(session)).bodyText().contains("The code is not right");
		assertThat(this.mvc.post()
			.uri("/account/totp/disable")
			.param("code", heidi.recoveryCodes().get(0))
			.with(csrf())
			.session(session)).hasStatus(HttpStatus.FOUND);
		assertThat(this.mvc.get().uri("/account/totp").session(session)).bodyText()
			.contains("The second factor is off");
		assertThat(this.mvc.post()
			.uri("/login")
			.param("username", "totp-heidi")
			.param("password", PASSWORD)
			.with(csrf())
			.with(from("10.77.8.3"))).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/");
		assertThat(this.audit.recent("TOTP_DISABLED", 50)).anyMatch((event) -> "totp-heidi".equals(event.getActor()));
	}

	/** An account with the second factor on, enrolled through the page. */
	Enrolled enrol(String username, String address) throws Exception {
		account(username, Role.OPERATOR, Role.CUSTODIAN);
		MockHttpSession session = signedIn(username, address);
		String page = this.mvc.get()
			.uri("/account/totp")
			.session(session)
			.exchange()
			.getResponse()
			.getContentAsString();
		String secret = find(SECRET, page);
		byte[] key = Base32.decode(secret);
		String code = Totp.code(key, Totp.step(Instant.now()), 6);
		MvcTestResult confirmed = this.mvc.post()
			.uri("/account/totp")
			.param("code", code)
			.with(csrf())
			.session(session)
			.exchange();
		assertThat(confirmed).hasStatusOk().bodyText().contains("shown only this once");
		List<String> recoveryCodes = new ArrayList<>();
		Matcher matcher = RECOVERY.matcher(confirmed.getResponse().getContentAsString());
		while (matcher.find()) {
			recoveryCodes.add(matcher.group(1));
		}
		return new Enrolled(secret, key, code, recoveryCodes);
	}

	void account(String username, Role... roles) {
		this.accounts.saveAndFlush(new UserAccount(username, passwordEncoder().encode(PASSWORD),
				EnumSet.copyOf(Set.of(roles)), Instant.now()));
	}

	MockHttpSession signedIn(String username, String address) {
		MvcTestResult login = this.mvc.post()
			.uri("/login")
			.param("username", username)
			.param("password", PASSWORD)
			.with(csrf())
			.with(from(address))
			.exchange();
		assertThat(login).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/");
		return (MockHttpSession) login.getRequest().getSession(false);
	}

	MockHttpSession passwordStep(String username, String address) {
		MvcTestResult login = this.mvc.post()
			.uri("/login")
			.param("username", username)
			.param("password", PASSWORD)
			.with(csrf())
			.with(from(address))
			.exchange();
		assertThat(login).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/login/totp");
		MockHttpSession session = (MockHttpSession) login.getRequest().getSession(false);
		assertThat(session.getAttribute("SPRING_SECURITY_CONTEXT")).isNull();
		return session;
	}

	MvcTestResult code(MockHttpSession session, String code, String address) {
		return this.mvc.post()
			.uri("/login/totp")
			.param("code", code)
			.with(csrf())
			.with(from(address))
			.session(session)
			.exchange();
	}

	static String wrongCode(byte[] key) {
		long step = Totp.step(Instant.now());
		for (int candidate = 0;; candidate++) {
			String code = String.format("%06d", candidate);
			boolean valid = false;
			for (long s = step - 2; s <= step + 2; s++) {
				valid |= Totp.code(key, s, 6).equals(code);
			}
			if (!valid) {
				return code;
			}
		}
	}

	static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private static String find(Pattern pattern, String page) {
		Matcher matcher = pattern.matcher(page);
		assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
		return matcher.group(1);
	}

	/**
	 * A session of the account signed in with its password and the next code, from an
	 * address.
	 */
	private MockHttpSession signedIn(String username, Enrolled enrolled, String address) throws Exception {
		return (MockHttpSession) code(passwordStep(username, address),
				Totp.code(enrolled.key(), Totp.step(Instant.now()) + 1, 6), address)
			.getRequest()
			.getSession(false);
	}

	record Enrolled(String secret, byte[] key, String confirmedWith, List<String> recoveryCodes) {
	}

}

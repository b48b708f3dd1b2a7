package dev.keysmith.account;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on against a real OpenID provider (Spring Authorization Server on a
 * loopback port, one for the class), driven as a browser drives it: Keysmith's button,
 * the provider's login form, back to Keysmith, each side's cookies its own.
 */
@Import(SsoLoginTests.StepUpProbe.class)
class SsoLoginTests extends KeysmithTestSupport {

	private static int keysmithPort;

	private static final ConfigurableApplicationContext PROVIDER = OidcTestProvider.start(() -> keysmithPort);

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog audit;

	@DynamicPropertySource
	static void singleSignOn(DynamicPropertyRegistry registry) {
		registry.add("keysmith.security.sso.issuer-uri", () -> OidcTestProvider.issuer(PROVIDER));
		registry.add("keysmith.security.sso.client-id", () -> OidcTestProvider.CLIENT_ID);
		registry.add("keysmith.security.sso.client-secret", () -> OidcTestProvider.CLIENT_SECRET);
		registry.add("keysmith.security.sso.role-mapping.keysmith-admins", () -> "ADMIN");
		registry.add("keysmith.security.sso.role-mapping.keysmith-operators", () -> "OPERATOR");
		registry.add("keysmith.security.sso.display-name", () -> "Test IdP");
	}

	@AfterAll
	static void stopProvider() {
		PROVIDER.close();
	}

	@BeforeEach
	void keysmithPort() {
		keysmithPort = this.port;
	}

	@Test
	void signOnWhenClaimMapsToAdminThenSignedInWithThatRoleAndAnAccountWithoutPassword() {
		Browser browser = new Browser();
		assertThat(browser.get(keysmith("/login")).body()).contains("Sign in with Test IdP");
		HttpResponse<String> landed = browser.signOn(keysmith("/login/sso"), "alice");
		assertThat(landed.uri().toString()).isEqualTo(keysmith("/"));
		assertThat(landed.statusCode()).isEqualTo(200);
		assertThat(browser.get(keysmith("/backup")).statusCode()).isEqualTo(200);
		assertThat(browser.get(keysmith("/test/step-up")).body()).isEqualTo("proven within 1 minute");

		UserAccount alice = this.accounts.findById("alice").orElseThrow();
		assertThat(alice.getRoles()).containsExactly(Role.ADMIN);
		assertThat(alice.getPasswordHash()).isEqualTo(SsoAccounts.NO_PASSWORD);
		assertThat(this.jdbc.sql("SELECT issuer FROM account_sso WHERE username = 'alice' AND subject = 'alice'")
			.query(String.class)
			.single()).isEqualTo(OidcTestProvider.issuer(PROVIDER));
		assertThat(this.audit.recent("SSO_LOGIN", 50)).anyMatch((event) -> "alice".equals(event.getActor()));

		// no password signs the account in
		Browser guesser = new Browser();
		guesser.get(keysmith("/login"));
		HttpResponse<String> refused = guesser.postForm(keysmith("/login"),
				"username=alice&password=" + enc(SsoAccounts.NO_PASSWORD) + "&_csrf=" + enc(guesser.csrf));
		assertThat(refused.uri().toString()).isEqualTo(keysmith("/login?error"));
	}

	@Test
	void signOnWhenClaimMapsToOperatorThenThatRoleOnly() {
		Browser browser = new Browser();
		HttpResponse<String> landed = browser.signOn(keysmith("/login/sso"), "bob");
		assertThat(landed.statusCode()).isEqualTo(200);
		assertThat(browser.get(keysmith("/devices")).statusCode()).isEqualTo(200);
		assertThat(browser.get(keysmith("/backup")).statusCode()).isEqualTo(403);
		assertThat(this.accounts.findById("bob").orElseThrow().getRoles()).containsExactly(Role.OPERATOR);
	}

	@Test
	void signOnWhenClaimNamesKeysmithRolesThatTheMappingDoesNotListThenRefused() {
		// a provider's "ADMIN" may be another application's: with a mapping, only it
		// counts
		Browser browser = new Browser();
		HttpResponse<String> refused = browser.signOn(keysmith("/login/sso"), "mallory");
		assertThat(refused.uri().getPath()).isEqualTo("/login/sso/refused");
		assertThat(refused.body()).contains("grants &#39;mallory&#39; no Keysmith role");
		assertThat(this.accounts.findById("mallory")).isEmpty();
	}

	@Test
	void signOnWhenClaimMapsToNoRoleThenRefusedWithAPageAndNotSignedIn() {
		Browser browser = new Browser();
		HttpResponse<String> refused = browser.signOn(keysmith("/login/sso"), "carol");
		assertThat(refused.uri().getPath()).isEqualTo("/login/sso/refused");
		assertThat(refused.body()).contains("grants &#39;carol&#39; no Keysmith role");
		assertThat(browser.get(keysmith("/devices")).uri().toString()).isEqualTo(keysmith("/login"));
		assertThat(this.accounts.findById("carol")).isEmpty();
		assertThat(this.audit.recent("SSO_LOGIN_REFUSED", 50)).anyMatch((event) -> "carol".equals(event.getActor()));
	}

	@Test
	void signOnWhenNameTakenByALocalAccountThenRefusedAndTheAccountUntouched() {
		Browser browser = new Browser();
		HttpResponse<String> refused = browser.signOn(keysmith("/login/sso"), "admin");
		assertThat(refused.uri().getPath()).isEqualTo("/login/sso/refused");
		assertThat(refused.body()).contains("exists already and is not this single sign-on identity");
		assertThat(this.accounts.findById("admin").orElseThrow().getPasswordHash())
			.isNotEqualTo(SsoAccounts.NO_PASSWORD);
	}

	@Test
	void confirmWhenSignedOnThenAFreshLoginAskedForAndBackToTheLocalPageOnly() {
		Browser browser = new Browser();
		browser.signOn(keysmith("/login/sso"), "bob");
		assertThat(browser.get(keysmith("/account/confirm?next=/devices")).body())
			.contains("href=\"/account/confirm/sso?next=/devices\"")
			.contains("Or sign in again with Test IdP");
		HttpResponse<String> authorize = browser.getOnce(keysmith("/account/confirm/sso?next=/devices"));
		authorize = browser.getOnce(authorize.headers().firstValue("Location").orElseThrow());
		String toProvider = authorize.headers().firstValue("Location").orElseThrow();
		assertThat(toProvider).startsWith(OidcTestProvider.issuer(PROVIDER))
			.contains("prompt=login")
			.contains("max_age=0");
		HttpResponse<String> back = browser.continueSignOn(browser.follow(toProvider), "bob");
		assertThat(back.uri().toString()).isEqualTo(keysmith("/devices"));
		assertThat(back.statusCode()).isEqualTo(200);
		assertThat(browser.get(keysmith("/test/step-up")).body()).isEqualTo("proven within 1 minute");

		HttpResponse<String> elsewhere = browser
			.signOn(keysmith("/account/confirm/sso?next=" + enc("https://evil.example/x")), "bob");
		assertThat(elsewhere.uri().toString()).isEqualTo(keysmith("/"));
	}

	private String keysmith(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private static String enc(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	/** Says whether this session proved its owner within the last minute. */
	@RestController
	static class StepUpProbe {

		@GetMapping("/test/step-up")
		String stepUp(HttpServletRequest request) {
			return StepUp.recent(request, Instant.now(), Duration.ofMinutes(1)) ? "proven within 1 minute"
					: "not proven";
		}

	}

	/** A browser without a browser: cookies per site, redirects followed by hand. */
	static final class Browser {

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		String csrf;

		/** From a page that starts a sign-on, through the provider's login form, back. */
		HttpResponse<String> signOn(String start, String username) {
			return continueSignOn(follow(start), username);
		}

		HttpResponse<String> continueSignOn(HttpResponse<String> page, String username) {
			if (page.uri().getPath().equals("/login") && page.body().contains("name=\"password\"")
					&& !page.uri().toString().contains("127.0.0.1:" + keysmithPort + "/")) {
				return postForm(page.uri().toString(), "username=" + enc(username) + "&password="
						+ enc(OidcTestProvider.PASSWORD) + "&_csrf=" + enc(this.csrf));
			}
			return page;
		}

		HttpResponse<String> get(String uri) {
			return follow(uri);
		}

		HttpResponse<String> follow(String uri) {
			HttpResponse<String> response = getOnce(uri);
			for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
				response = getOnce(
						response.uri().resolve(response.headers().firstValue("Location").orElseThrow()).toString());
			}
			return response;
		}

		HttpResponse<String> getOnce(String uri) {
			return read(send(HttpRequest.newBuilder(URI.create(uri)).GET()));
		}

		HttpResponse<String> postForm(String uri, String form) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(uri))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)));
			if (response.statusCode() / 100 == 3) {
				return follow(
						response.uri().resolve(response.headers().firstValue("Location").orElseThrow()).toString());
			}
			return read(response);
		}

		private HttpResponse<String> read(HttpResponse<String> response) {
			Matcher csrf = CSRF.matcher(response.body());
			if (csrf.find()) {
				this.csrf = csrf.group(1);
			}
			return response;
		}

		private HttpResponse<String> send(HttpRequest.Builder request) {
			try {
				return this.http.send(request.header("Accept", "text/html").timeout(Duration.ofSeconds(20)).build(),
						HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}

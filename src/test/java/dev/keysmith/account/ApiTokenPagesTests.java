package dev.keysmith.account;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.keysmith.KeysmithTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The API tokens page: a token is shown on the answer to the form and never again, and a
 * revoked one stops working.
 */
class ApiTokenPagesTests extends KeysmithTestSupport {

	private static final Pattern SHOWN = Pattern.compile("value=\"(ks_[0-9a-f]{32}_[A-Za-z0-9_-]{43})\"");

	@Test
	void tokensPageWhenTokenMadeThenShownOnceListedAndRevocable() throws Exception {
		assertThat(this.mvc.get().uri("/account/tokens").with(TestAccounts.everyRole("admin"))).hasStatusOk()
			.bodyText()
			.contains("API tokens")
			.contains("name=\"_csrf\"");

		MvcTestResult made = this.mvc.post()
			.uri("/account/tokens")
			.with(TestAccounts.everyRole("admin"))
			.with(TestAccounts.justSignedIn())
			.with(csrf())
			.param("name", "page script")
			.param("roles", "OPERATOR")
			.param("expiresInDays", "14")
			.exchange();
		assertThat(made).hasStatusOk();
		Matcher shown = SHOWN.matcher(made.getResponse().getContentAsString());
		assertThat(shown.find()).as("the new token on the page").isTrue();
		String token = shown.group(1);
		assertThat(this.mvc.get().uri("/api/devices").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.hasStatusOk();

		String later = this.mvc.get()
			.uri("/account/tokens")
			.with(TestAccounts.everyRole("admin"))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(later).contains("page script").doesNotContain(token.substring(token.length() - 43));

		String id = TokenSecrets.idOf(token).orElseThrow().toString();
		assertThat(this.mvc.post()
			.uri("/account/tokens/" + id + "/revoke")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/account/tokens");
		assertThat(this.mvc.get().uri("/api/devices").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void tokensPageWhenTheSessionsSignInIsOlderThanAFewMinutesThenAskedToConfirmAndNoToken() {
		assertThat(this.mvc.post()
			.uri("/account/tokens")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("name", "from an old session")
			.param("expiresInDays", "365")).hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/account/confirm?next=/account/tokens");
		assertThat(this.mvc.get().uri("/account/tokens").with(TestAccounts.everyRole("admin"))).bodyText()
			.doesNotContain("from an old session");
	}

	@Test
	void tokensPageWhenExpiryOutOfBoundsThenFieldErrorAndNoToken() {
		assertThat(this.mvc.post()
			.uri("/account/tokens")
			.with(TestAccounts.everyRole("admin"))
			.with(TestAccounts.justSignedIn())
			.with(csrf())
			.param("name", "too long")
			.param("expiresInDays", "400")).hasStatusOk()
			.bodyText()
			.contains("A token expires in 1 to 365 days, not 400")
			.doesNotContain("id=\"new-token\"");
		assertThat(this.mvc.post()
			.uri("/account/tokens")
			.with(TestAccounts.everyRole("admin"))
			.with(TestAccounts.justSignedIn())
			.with(csrf())
			.param("name", "odd")
			.param("expiresInDays", "1.5")).hasStatusOk()
			.bodyText()
			.contains("A token expires in a whole number of days, not &#39;1.5&#39;");
	}

	@Test
	void tokensPageWhenAnonymousOrNoCsrfThenRefused() {
		assertThat(this.mvc.get().uri("/account/tokens")).hasStatus(HttpStatus.FOUND)
			.redirectedUrl()
			.endsWith("/login");
		assertThat(this.mvc.post().uri("/account/tokens").with(TestAccounts.everyRole("admin")).param("name", "x"))
			.hasStatus(HttpStatus.FORBIDDEN);
	}

}

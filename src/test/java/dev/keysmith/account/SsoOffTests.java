package dev.keysmith.account;

import dev.keysmith.KeysmithTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Without {@code keysmith.security.sso.issuer-uri} (the application the other tests
 * start, with no network), single sign-on is not there at all.
 */
class SsoOffTests extends KeysmithTestSupport {

	@Test
	void loginPageWhenSingleSignOnNotConfiguredThenNoButtonAndNoWayIn() {
		assertThat(this.mvc.get().uri("/login")).hasStatusOk().bodyText().doesNotContain("Sign in with");
		assertThat(this.mvc.get().uri("/login/sso")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.get().uri("/oauth2/authorization/keysmith")).hasStatus(HttpStatus.FOUND)
			.redirectedUrl()
			.endsWith("/login");
		assertThat(this.mvc.get().uri("/account/confirm/sso?next=/devices").with(user("someone").roles("CUSTODIAN")))
			.hasStatus(HttpStatus.NOT_FOUND);
	}

}

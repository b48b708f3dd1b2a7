package dev.keysmith.account;

import java.time.Instant;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.keysmith.KeysmithTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * With {@code keysmith.security.totp.required-for-custodians}: a custodian without the
 * second factor can reach only the enrolment page until it is on; other accounts are not
 * held.
 */
@TestPropertySource(properties = "keysmith.security.totp.required-for-custodians=true")
class TotpRequiredForCustodiansTests extends KeysmithTestSupport {

	private static final String PASSWORD = TotpSignInTests.PASSWORD;

	@Autowired
	UserAccountRepository accounts;

	@Test
	void signInWhenCustodianWithoutTotpThenOnlyTheEnrolmentPageUntilEnrolled() throws Exception {
		account("required-ivan", EnumSet.of(Role.OPERATOR, Role.CUSTODIAN));
		MockHttpSession session = signIn("required-ivan", "10.78.1.1");
		assertThat(this.mvc.get().uri("/devices").session(session)).hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/account/totp");
		assertThat(this.mvc.get().uri("/devices").header("HX-Request", "true").session(session))
			.hasStatus(HttpStatus.NO_CONTENT)
			.hasHeader("HX-Redirect", "/account/totp");
		MvcTestResult enrolment = this.mvc.get().uri("/account/totp").session(session).exchange();
		assertThat(enrolment).hasStatusOk();
		Matcher secret = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<")
			.matcher(enrolment.getResponse().getContentAsString());
		assertThat(secret.find()).isTrue();
		String code = Totp.code(Base32.decode(secret.group(1)), Totp.step(Instant.now()), 6);
		assertThat(this.mvc.post().uri("/account/totp").param("code", code).with(csrf()).session(session))
			.hasStatusOk();
		assertThat(this.mvc.get().uri("/devices").session(session)).hasStatusOk();
	}

	@Test
	void signInWhenOperatorWithoutTotpThenNotHeld() {
		account("required-judy", EnumSet.of(Role.OPERATOR));
		MockHttpSession session = signIn("required-judy", "10.78.2.1");
		assertThat(this.mvc.get().uri("/devices").session(session)).hasStatusOk();
	}

	@Test
	void signInWhenCustodianMustAlsoChangeItsPasswordThenTheAccountPageOpensWithoutGoingRoundInCircles() {
		UserAccount account = new UserAccount("required-kim", passwordEncoder().encode(PASSWORD),
				EnumSet.of(Role.CUSTODIAN), Instant.now());
		account.changePasswordHash(account.getPasswordHash(), false, Instant.now());
		this.accounts.saveAndFlush(account);
		MvcTestResult login = this.mvc.post()
			.uri("/login")
			.param("username", "required-kim")
			.param("password", PASSWORD)
			.with(csrf())
			.with(TotpSignInTests.from("10.78.3.1"))
			.exchange();
		assertThat(login).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/account");
		MockHttpSession session = (MockHttpSession) login.getRequest().getSession(false);
		assertThat(this.mvc.get().uri("/account").session(session)).hasStatusOk();
		assertThat(this.mvc.get().uri("/devices").session(session)).hasStatus(HttpStatus.FOUND);
	}

	private void account(String username, EnumSet<Role> roles) {
		this.accounts.saveAndFlush(new UserAccount(username, passwordEncoder().encode(PASSWORD), roles, Instant.now()));
	}

	private MockHttpSession signIn(String username, String address) {
		MvcTestResult login = this.mvc.post()
			.uri("/login")
			.param("username", username)
			.param("password", PASSWORD)
			.with(csrf())
			.with(TotpSignInTests.from(address))
			.exchange();
		assertThat(login).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/");
		return (MockHttpSession) login.getRequest().getSession(false);
	}

}

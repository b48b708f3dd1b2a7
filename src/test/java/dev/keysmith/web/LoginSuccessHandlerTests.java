package dev.keysmith.web;

import java.time.Clock;

import dev.keysmith.account.AccountPrincipal;
import dev.keysmith.account.AccountService;
import dev.keysmith.account.PasswordChangeRequired;
import dev.keysmith.account.Role;
import dev.keysmith.account.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Finishing a password sign-in needs nothing more from the database: the password check
 * has just read the account. (On a full disk, H2 may stop answering between the two, and
 * a right password ended in an error page.)
 */
class LoginSuccessHandlerTests {

	private final AccountService accounts = mock(AccountService.class);

	private final LoginSuccessHandler handler = new LoginSuccessHandler(this.accounts, Clock.systemUTC());

	LoginSuccessHandlerTests() {
		given(this.accounts.get(anyString()))
			.willThrow(new DataAccessResourceFailureException("the database stopped answering"));
	}

	@Test
	void signedInWithoutReadingTheAccountAgain() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.handler.onAuthenticationSuccess(request, response,
				signedIn(TestAccounts.principal("ada", false, Role.OPERATOR)));

		assertThat(response.getRedirectedUrl()).isEqualTo("/");
		assertThat(PasswordChangeRequired.pending(request)).isFalse();
	}

	@Test
	void aPasswordSetBySomeoneElseSendsTheOwnerToChooseTheirOwn() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.handler.onAuthenticationSuccess(request, response,
				signedIn(TestAccounts.principal("ada", true, Role.OPERATOR)));

		assertThat(response.getRedirectedUrl()).isEqualTo("/account");
		assertThat(PasswordChangeRequired.pending(request)).isTrue();
	}

	private static UsernamePasswordAuthenticationToken signedIn(AccountPrincipal principal) {
		return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
	}

}

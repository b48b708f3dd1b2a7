package dev.keysmith.account;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Signed-in requests for MockMvc tests: an account with every role (as the first
 * administrator), or with some, and a session that has just proven its owner (as right
 * after signing in), which a page's key export needs.
 */
public final class TestAccounts {

	private TestAccounts() {
	}

	/** An account holding every role, as the first administrator does. */
	public static RequestPostProcessor everyRole(String username) {
		return withRoles(username, Role.values());
	}

	public static RequestPostProcessor withRoles(String username, Role... roles) {
		return user(username).roles(Arrays.stream(roles).map(Role::name).toArray(String[]::new));
	}

	/**
	 * What the password check makes of a stored account: its principal, which says
	 * whether the password was set by someone else.
	 */
	public static AccountPrincipal principal(String username, boolean mustChangePassword, Role... roles) {
		UserAccount account = new UserAccount(username, "{noop}unused", Set.of(roles), Instant.now());
		account.changePasswordHash("{noop}unused", !mustChangePassword, Instant.now());
		UserAccountRepository repository = mock(UserAccountRepository.class);
		given(repository.findById(username)).willReturn(Optional.of(account));
		return (AccountPrincipal) new AccountUserDetailsService(repository).loadUserByUsername(username);
	}

	/** The request's session signed in (or confirmed its password) just now. */
	public static RequestPostProcessor justSignedIn() {
		return (request) -> {
			request.getSession(true).setAttribute(StepUp.ATTRIBUTE, Instant.now());
			return request;
		};
	}

}

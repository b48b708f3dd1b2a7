package dev.keysmith.web;

import java.io.IOException;
import java.time.Clock;

import dev.keysmith.account.AccountPrincipal;
import dev.keysmith.account.AccountService;
import dev.keysmith.account.PasswordChangeRequired;
import dev.keysmith.account.StepUp;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * After a password sign-in in the browser: the session has just proven its owner (a key
 * export may follow within minutes), and an account whose password was set by someone
 * else goes to its account page to choose its own.
 */
class LoginSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

	private final AccountService accounts;

	private final Clock clock;

	LoginSuccessHandler(AccountService accounts, Clock clock) {
		this.accounts = accounts;
		this.clock = clock;
		setDefaultTargetUrl("/");
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws ServletException, IOException {
		StepUp.proven(request, this.clock.instant());
		if (mustChangePassword(authentication)) {
			PasswordChangeRequired.mark(request);
			getRedirectStrategy().sendRedirect(request, response, "/account");
			return;
		}
		super.onAuthenticationSuccess(request, response, authentication);
	}

	private boolean mustChangePassword(Authentication authentication) {
		// the password check found the account a moment ago: no second database read,
		// which could fail on its own (a full disk) after the password was accepted
		if (authentication.getPrincipal() instanceof AccountPrincipal account) {
			return account.mustChangePassword();
		}
		return this.accounts.get(authentication.getName()).mustChangePassword();
	}

}

package dev.keysmith.web;

import java.io.IOException;

import dev.keysmith.account.AccountService;
import dev.keysmith.account.AccountView;
import dev.keysmith.account.Role;
import dev.keysmith.common.StaticFiles;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser session holds the roles its account had when it signed in: this ends the
 * session as soon as the account is disabled or its roles change, so that taking a right
 * away takes effect at the next click, not at the end of the session. (An API request
 * reads the account afresh with every request anyway.) The page's static files are not
 * checked: the page itself was.
 */
class AccountStateFilter extends OncePerRequestFilter {

	private final AccountService accounts;

	AccountStateFilter(AccountService accounts) {
		this.accounts = accounts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		if (signedIn != null && signedIn.isAuthenticated() && request.getSession(false) != null && outdated(signedIn)) {
			HttpSession session = request.getSession(false);
			session.invalidate();
			SecurityContextHolder.clearContext();
			response.sendRedirect(request.getContextPath() + "/login?changed");
			return;
		}
		chain.doFilter(request, response);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// a page's stylesheets and scripts need no look at the account: the page did
		return StaticFiles.contains(request.getRequestURI().substring(request.getContextPath().length()));
	}

	private boolean outdated(Authentication signedIn) {
		AccountView account;
		try {
			account = this.accounts.current(signedIn.getName()).orElse(null);
		}
		catch (RuntimeException ex) {
			return false; // the database cannot say: the request fails on its own if it
							// must
		}
		if (account == null) {
			return false; // not an account of this database (accounts are never deleted)
		}
		return !account.enabled() || !Role.held(signedIn.getAuthorities()).equals(account.roles());
	}

}

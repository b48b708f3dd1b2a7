package dev.keysmith.account;

import java.io.IOException;

import dev.keysmith.common.StaticFiles;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With {@code keysmith.security.totp.required-for-custodians}: a browser session of a
 * custodian signed in with a password and without the second factor reaches only the
 * enrolment page (its own account pages, and logging out) until the second factor is on.
 * Accounts signed in by single sign-on are left to their provider's own second factor.
 */
final class CustodianEnrolmentGate extends OncePerRequestFilter {

	static final String ENROLMENT = "/account/totp";

	private static final String CHECKED = CustodianEnrolmentGate.class.getName() + ".enrolled";

	private final SecondFactors secondFactors;

	CustodianEnrolmentGate(SecondFactors secondFactors) {
		this.secondFactors = secondFactors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof UsernamePasswordAuthenticationToken) || !authentication.isAuthenticated()
				|| authentication.getAuthorities()
					.stream()
					.noneMatch((authority) -> Role.CUSTODIAN.authority().equals(authority.getAuthority()))
				|| allowed(request.getRequestURI().substring(request.getContextPath().length()))
				|| enrolled(request, authentication.getName())) {
			chain.doFilter(request, response);
			return;
		}
		if (request.getHeader("HX-Request") != null) {
			response.setHeader("HX-Redirect", request.getContextPath() + ENROLMENT);
			response.setStatus(HttpServletResponse.SC_NO_CONTENT);
			return;
		}
		response.sendRedirect(request.getContextPath() + ENROLMENT);
	}

	private boolean enrolled(HttpServletRequest request, String username) {
		HttpSession session = request.getSession(false);
		if (session != null && Boolean.TRUE.equals(session.getAttribute(CHECKED))) {
			return true;
		}
		boolean enrolled = this.secondFactors.isEnabled(username);
		if (enrolled && session != null) {
			session.setAttribute(CHECKED, true);
		}
		return enrolled;
	}

	private static boolean allowed(String path) {
		// the account's own pages too: a password to change first must not send it round
		// in circles
		// (not its API tokens: a token would carry the custodian past the second factor)
		return path.equals("/account") || path.equals("/account/password") || path.startsWith("/account/totp")
				|| path.startsWith("/account/confirm") || path.equals("/logout") || path.equals("/error")
				|| StaticFiles.contains(path);
	}

}

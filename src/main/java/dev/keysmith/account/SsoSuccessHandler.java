package dev.keysmith.account;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * After a sign-on: the session has proved its owner at the moment the provider says the
 * person logged in ({@code auth_time}, or now when it does not say), and goes on to the
 * page a confirmation came from, or the one asked for before signing in.
 */
final class SsoSuccessHandler implements AuthenticationSuccessHandler {

	private final SavedRequestAwareAuthenticationSuccessHandler pages = new SavedRequestAwareAuthenticationSuccessHandler();

	private final Clock clock;

	SsoSuccessHandler(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		Instant now = this.clock.instant();
		Instant proof = now;
		if (authentication.getPrincipal() instanceof OidcUser user && user.getAuthenticatedAt() != null
				&& !user.getAuthenticatedAt().isAfter(now)) {
			proof = user.getAuthenticatedAt();
		}
		StepUp.proven(request, proof);
		String next = SsoConfirm.take(request);
		if (next != null) {
			response.sendRedirect(request.getContextPath() + next);
			return;
		}
		this.pages.onAuthenticationSuccess(request, response, authentication);
	}

}

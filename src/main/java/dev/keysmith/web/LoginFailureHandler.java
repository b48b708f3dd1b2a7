package dev.keysmith.web;

import java.io.IOException;
import java.time.Instant;

import dev.keysmith.account.SecondFactorRequiredException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Back to the login page after a failed sign-in, saying why: wrong credentials,
 * throttled, or the account could not be looked up (the failure is kept in the session
 * for the page to explain).
 */
final class LoginFailureHandler implements AuthenticationFailureHandler {

	private final RedirectStrategy redirect = new DefaultRedirectStrategy();

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof LoginThrottledException throttled) {
			this.redirect.sendRedirect(request, response, "/login?throttled=" + throttled.getRetryAfterSeconds());
			return;
		}
		if (exception instanceof SecondFactorRequiredException secondFactor) {
			SecondFactorLoginController.begin(request, secondFactor.getUsername(), Instant.now());
			this.redirect.sendRedirect(request, response, SecondFactorLoginController.PATH);
			return;
		}
		if (exception instanceof InternalAuthenticationServiceException) {
			request.getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, exception);
		}
		this.redirect.sendRedirect(request, response, "/login?error");
	}

}

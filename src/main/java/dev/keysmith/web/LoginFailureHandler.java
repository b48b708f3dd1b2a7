package dev.keysmith.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/** Back to the login page after a failed sign-in, saying why: wrong credentials, or throttled. */
final class LoginFailureHandler implements AuthenticationFailureHandler {

	private final RedirectStrategy redirect = new DefaultRedirectStrategy();

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof LoginThrottledException throttled) {
			this.redirect.sendRedirect(request, response, "/login?throttled=" + throttled.getRetryAfterSeconds());
			return;
		}
		this.redirect.sendRedirect(request, response, "/login?error");
	}

}

package dev.keysmith.account;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A sign-on that did not sign anyone in: to a page that says why (no Keysmith role, a
 * disabled account, the provider's own error), never a stack trace.
 */
final class SsoFailureHandler implements AuthenticationFailureHandler {

	static final String REASON = SsoFailureHandler.class.getName() + ".reason";

	private static final int MAX_DESCRIPTION = 200;

	private final String provider;

	SsoFailureHandler(String provider) {
		this.provider = provider;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String reason;
		if (exception instanceof OAuth2AuthenticationException oauth) {
			OAuth2Error error = oauth.getError();
			reason = SsoUserService.REFUSED.equals(error.getErrorCode()) ? error.getDescription()
					: "The sign-on with " + this.provider + " failed: " + error.getErrorCode()
							+ ((error.getDescription() != null) ? " (" + shortened(error.getDescription()) + ")" : "");
		}
		else {
			reason = "The sign-on with " + this.provider + " failed";
		}
		request.getSession(true).setAttribute(REASON, reason);
		response.sendRedirect(request.getContextPath() + SsoController.REFUSED);
	}

	/** A provider's description can carry a whole error page: its start is enough. */
	private static String shortened(String description) {
		return (description.length() <= MAX_DESCRIPTION) ? description
				: description.substring(0, MAX_DESCRIPTION) + "…";
	}

}

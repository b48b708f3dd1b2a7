package dev.keysmith.web;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * Spring Security's masked CSRF tokens, with one difference: a token of the right length
 * whose unmasked bytes are not UTF-8 text (what a token with a few changed characters
 * usually is) is a wrong token, answered 403 like any other, where Spring Security 7.0
 * lets the decoding error escape as a 500.
 */
final class CsrfTokenHandler implements CsrfTokenRequestHandler {

	private static final Logger log = LoggerFactory.getLogger(CsrfTokenHandler.class);

	private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
		this.masked.handle(request, response, csrfToken);
	}

	@Override
	public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
		try {
			return this.masked.resolveCsrfTokenValue(request, csrfToken);
		}
		catch (IllegalArgumentException ex) {
			log.debug("Refused a CSRF token that does not unmask to text for {} {}", request.getMethod(),
					request.getRequestURI());
			return null;
		}
	}

}

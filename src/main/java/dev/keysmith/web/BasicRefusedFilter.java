package dev.keysmith.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With HTTP Basic switched off ({@code keysmith.security.http-basic=false}), a request
 * that sends a password is refused before the password is looked at, with the way that
 * works instead: an API token.
 */
final class BasicRefusedFilter extends OncePerRequestFilter {

	static final String REFUSED = "HTTP Basic is switched off on this Keysmith (keysmith.security.http-basic=false): "
			+ "send a personal API token instead, Authorization: Bearer ks_… (made on the API tokens page)";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("basic ")) {
			response.setHeader("WWW-Authenticate", "Bearer realm=\"Keysmith\"");
			SecurityConfiguration.writeProblem(response, HttpStatus.UNAUTHORIZED, REFUSED);
			return;
		}
		chain.doFilter(request, response);
	}

}

package dev.keysmith.web;

import java.io.IOException;
import java.util.Set;

import dev.keysmith.account.PasswordChangeRequired;
import dev.keysmith.common.StaticFiles;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a session that must change its password on the account page: every other page
 * redirects there until it is done (signing out and the page's own files excepted).
 */
class PasswordChangeFilter extends OncePerRequestFilter {

	private static final Set<String> ALLOWED = Set.of("/account", "/account/password", "/logout", "/login", "/error");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (PasswordChangeRequired.pending(request) && !ALLOWED.contains(path) && !StaticFiles.contains(path)) {
			response.sendRedirect(request.getContextPath() + "/account");
			return;
		}
		chain.doFilter(request, response);
	}

}

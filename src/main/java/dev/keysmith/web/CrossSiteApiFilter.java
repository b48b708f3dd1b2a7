package dev.keysmith.web;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API authenticates with HTTP Basic, which a browser that has cached the credentials
 * sends along with any request, even one made by another site's page (a multipart form
 * posts across sites without asking). So API writes from a browser must come from
 * Keysmith's own origin: an unsafe request with a foreign {@code Origin}, or that the
 * browser marks {@code Sec-Fetch-Site: cross-site}, is refused before it is
 * authenticated. Clients that are not browsers (curl, scripts) send neither header and
 * are not affected.
 */
final class CrossSiteApiFilter extends OncePerRequestFilter {

	static final String REFUSED = "Cross-site requests to the API are refused: Keysmith's API takes writes from "
			+ "scripts and tools, or from its own pages, not from other sites";

	private static final Logger log = LoggerFactory.getLogger(CrossSiteApiFilter.class);

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!SAFE_METHODS.contains(request.getMethod()) && crossSite(request)) {
			log.warn("Refused a cross-site {} {} (Origin {}, Sec-Fetch-Site {})", request.getMethod(),
					request.getRequestURI(), LogText.printable(request.getHeader(HttpHeaders.ORIGIN)),
					LogText.printable(request.getHeader("Sec-Fetch-Site")));
			SecurityConfiguration.writeProblem(response, HttpStatus.FORBIDDEN, REFUSED);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Whether a browser made this request: browsers send {@code Sec-Fetch-*} headers (all
	 * current ones) or an {@code Origin}; curl and scripts send neither.
	 */
	static boolean fromBrowser(HttpServletRequest request) {
		return request.getHeader("Sec-Fetch-Mode") != null || request.getHeader("Sec-Fetch-Site") != null
				|| request.getHeader(HttpHeaders.ORIGIN) != null;
	}

	private static boolean crossSite(HttpServletRequest request) {
		if ("cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
			return true;
		}
		try {
			// an Origin that is not this server's scheme, host and port (including
			// "null")
			return CorsUtils.isCorsRequest(request);
		}
		catch (IllegalArgumentException ex) {
			return true; // an Origin that is not even a URL is not ours
		}
	}

}

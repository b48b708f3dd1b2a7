package dev.keysmith.web;

import java.io.IOException;

import dev.keysmith.account.KeyExportPolicy;
import dev.keysmith.account.KeyExportPolicy.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Holds every private key export ({@link RouteAccess#KEY_EXPORTS}) to the
 * {@link KeyExportPolicy} before it runs. The API answers a refusal as a problem (400
 * without a reason, 429 past the hourly allowance); a page goes back where the export was
 * asked for with the message, or to the password confirmation when the session's proof of
 * identity is too old.
 */
class KeyExportInterceptor implements HandlerInterceptor {

	private final KeyExportPolicy policy;

	KeyExportInterceptor(KeyExportPolicy policy) {
		this.policy = policy;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws IOException {
		boolean fromSession = !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
		String username = (request.getUserPrincipal() != null) ? request.getUserPrincipal().getName() : "";
		Refusal refusal = this.policy.check(request, username, fromSession).orElse(null);
		if (refusal == null) {
			return true;
		}
		if (!fromSession) {
			HttpStatus status = switch (refusal.kind()) {
				case NO_REASON -> HttpStatus.BAD_REQUEST;
				case TOO_MANY -> HttpStatus.TOO_MANY_REQUESTS;
				case NOT_RECENT -> HttpStatus.UNAUTHORIZED;
				case NO_SECOND_FACTOR -> HttpStatus.FORBIDDEN;
			};
			if (refusal.kind() == Refusal.Kind.TOO_MANY) {
				response.setHeader(HttpHeaders.RETRY_AFTER,
						String.valueOf(Math.max(1, (refusal.retryAfter().toMillis() + 999) / 1000)));
			}
			SecurityConfiguration.writeProblem(response, status, refusal.message());
			return false;
		}
		String back = askedFrom(request);
		if (refusal.kind() == Refusal.Kind.NOT_RECENT) {
			response.sendRedirect(UriComponentsBuilder.fromPath(request.getContextPath() + "/account/confirm")
				.queryParam("next", back)
				.encode()
				.toUriString());
			return false;
		}
		FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
		flash.put("error", refusal.message() + ".");
		RequestContextUtils.saveOutputFlashMap(back, request, response);
		response.sendRedirect(request.getContextPath() + back);
		return false;
	}

	/**
	 * The page the export was asked from: the device's or the batch's, whose address
	 * starts the export's ({@code /devices/{id}/…}, {@code /batches/{id}/…}).
	 */
	static String askedFrom(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String[] parts = path.split("/");
		return (parts.length > 2) ? "/" + parts[1] + "/" + parts[2] : "/";
	}

}

package dev.keysmith.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Proving oneself again by single sign-on (for a key export): the provider is asked for a
 * fresh login ({@code prompt=login}, {@code max_age=0}), and the browser comes back to
 * the local page it came from. Only a path on this site is gone back to.
 */
final class SsoConfirm {

	private static final String NEXT = SsoConfirm.class.getName() + ".next";

	private SsoConfirm() {
	}

	/**
	 * The next sign-on of this session is a confirmation; afterwards go to {@code next}.
	 */
	static void begin(HttpServletRequest request, String next) {
		request.getSession(true).setAttribute(NEXT, LocalPath.orRoot(next));
	}

	/**
	 * Where a confirmation goes back to (and it is over), or null after a plain sign-on.
	 */
	static String take(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(NEXT) instanceof String next)) {
			return null;
		}
		session.removeAttribute(NEXT);
		return next;
	}

	private static boolean pending(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session != null && session.getAttribute(NEXT) != null;
	}

	/**
	 * The authorization requests: with a fresh login asked for while a confirmation is
	 * on.
	 */
	static final class Requests implements OAuth2AuthorizationRequestResolver {

		private final DefaultOAuth2AuthorizationRequestResolver plain;

		private final DefaultOAuth2AuthorizationRequestResolver fresh;

		Requests(SsoRegistrations registrations) {
			this.plain = new DefaultOAuth2AuthorizationRequestResolver(registrations);
			this.fresh = new DefaultOAuth2AuthorizationRequestResolver(registrations);
			this.fresh.setAuthorizationRequestCustomizer((request) -> request.additionalParameters((parameters) -> {
				parameters.put("prompt", "login");
				parameters.put("max_age", "0");
			}));
		}

		@Override
		public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
			return pending(request) ? this.fresh.resolve(request) : this.plain.resolve(request);
		}

		@Override
		public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
			return pending(request) ? this.fresh.resolve(request, registrationId)
					: this.plain.resolve(request, registrationId);
		}

	}

}

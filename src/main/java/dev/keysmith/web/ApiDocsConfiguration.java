package dev.keysmith.web;

import java.util.List;

import dev.keysmith.account.AccountProperties;
import dev.keysmith.account.BearerAuthentication;
import dev.keysmith.storage.StorageFailures;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The OpenAPI description of the JSON API at {@code /v3/api-docs} and its browsable UI
 * ({@code /swagger-ui.html}), for signed-in users only: a browser signed in to the pages,
 * or a client with an API token or HTTP Basic as for the API. springdoc describes the
 * routes under {@code /api/} from the controllers; this says the title and how to sign
 * in.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

	static final String[] PATHS = { "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
			"/swagger-ui/**" };

	/**
	 * Beside the API's chain (their paths are apart) and before the pages' chain, which
	 * takes every other request. The page session is read, not made: a browser that is
	 * not signed in goes to the login page (and back here after it), another client gets
	 * the API's 401. The UI runs under the pages' content security policy: its scripts
	 * and styles are files of its own, none inline.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain apiDocsSecurity(HttpSecurity http, StorageFailures storage, BearerAuthentication bearer,
			AccountProperties accounts) throws Exception {
		AuthenticationEntryPoint unauthorized = SecurityConfiguration.apiUnauthorized(storage, accounts.httpBasic());
		AuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
		http.securityMatcher(PATHS)
			.authorizeHttpRequests(RouteAccess::apply)
			.addFilterBefore(bearer.filter(unauthorized), BasicAuthenticationFilter.class)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint((request, response, ex) -> {
				boolean credentialsSent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
				if (!credentialsSent && wantsPage(request)) {
					login.commence(request, response, ex);
				}
				else {
					unauthorized.commence(request, response, ex);
				}
			}))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(SecurityConfiguration.CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions((frames) -> frames.deny()));
		SecurityConfiguration.passwords(http, accounts, unauthorized);
		return http.build();
	}

	/** A browser's navigation to a page, not a script's request. */
	private static boolean wantsPage(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return CrossSiteApiFilter.fromBrowser(request) || (accept != null && accept.contains("text/html"));
	}

	static final String BEARER = "apiToken";

	static final String BASIC = "password";

	@Bean
	OpenAPI keysmithApi() {
		return new OpenAPI()
			.info(new Info().title("Keysmith API")
				.version("v1")
				.description("X.509 device credentials for ThingsBoard over CoAP/DTLS. Sign in with a personal API "
						+ "token (Authorization: Bearer ks_…, made on the API tokens page or with "
						+ "POST /api/account/tokens) or, unless switched off, HTTP Basic with an account's password. "
						+ "Problems are answered as application/problem+json."))
			.components(new Components()
				.addSecuritySchemes(BEARER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("A personal API token, ks_<id>_<secret>"))
				.addSecuritySchemes(BASIC,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("basic")
							.description("An account's name and password (keysmith.security.http-basic)")))
			.security(List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(BASIC)));
	}

}

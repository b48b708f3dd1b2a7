package dev.keysmith.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.keysmith.account.AccountProperties;
import dev.keysmith.account.AccountService;
import dev.keysmith.account.AccountUserDetailsService;
import dev.keysmith.account.ApiTokenRefusedException;
import dev.keysmith.account.BearerAuthentication;
import dev.keysmith.account.SecondFactorRequiredException;
import dev.keysmith.account.SecondFactors;
import dev.keysmith.account.SingleSignOn;
import dev.keysmith.account.UserAccountRepository;
import dev.keysmith.common.StaticFiles;
import dev.keysmith.storage.StorageFailures;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Pages use form login with CSRF protection on every form and htmx request; the JSON API
 * under {@code /api/**} takes personal API tokens (bearer) and, unless switched off, HTTP
 * Basic with the same accounts, statelessly, and answers problems as
 * {@code application/problem+json}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
			+ "object-src 'none'";

	private static final JsonMapper PROBLEMS = JsonMapper.builder().build();

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, StorageFailures storage, BearerAuthentication bearer,
			AccountProperties accounts) throws Exception {
		AuthenticationEntryPoint unauthorized = apiUnauthorized(storage, accounts.httpBasic());
		// the metrics are for scrapers, signed in like API clients
		http.securityMatcher("/api/**", "/actuator/prometheus")
			.authorizeHttpRequests(RouteAccess::apply)
			.addFilterBefore(new CrossSiteApiFilter(), BasicAuthenticationFilter.class)
			.addFilterBefore(bearer.filter(unauthorized), BasicAuthenticationFilter.class)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(apiForbidden()))
			// stateless Basic auth: no session for a CSRF token; CrossSiteApiFilter
			// refuses cross-site writes
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'none'")));
		passwords(http, accounts, unauthorized);
		return http.build();
	}

	/**
	 * HTTP Basic with an account's password, unless switched off
	 * ({@code keysmith.security.http-basic=false}): then a request that sends it is
	 * refused, saying that API tokens are the way.
	 */
	static void passwords(HttpSecurity http, AccountProperties accounts, AuthenticationEntryPoint unauthorized)
			throws Exception {
		if (accounts.httpBasic()) {
			http.httpBasic((basic) -> basic.realmName("Keysmith").authenticationEntryPoint(unauthorized));
		}
		else {
			http.addFilterBefore(new BasicRefusedFilter(), BasicAuthenticationFilter.class);
		}
	}

	@Bean
	@Order(2)
	SecurityFilterChain pageSecurity(HttpSecurity http, AccountService accounts, Clock clock,
			SecondFactors secondFactors, SingleSignOn singleSignOn) throws Exception {
		singleSignOn.configure(http);
		return http.authorizeHttpRequests((requests) -> {
			requests
				.requestMatchers("/login", SecondFactorLoginController.PATH, "/login/sso/**", "/error",
						"/actuator/health/**", "/actuator/health")
				.permitAll()
				.requestMatchers(StaticFiles.PATTERNS)
				.permitAll();
			RouteAccess.apply(requests);
		})
			.csrf((csrf) -> csrf.csrfTokenRequestHandler(new CsrfTokenHandler()))
			.formLogin((form) -> form.loginPage("/login")
				.successHandler(new LoginSuccessHandler(accounts, clock))
				.failureHandler(new LoginFailureHandler())
				.permitAll())
			.addFilterBefore(secondFactors.custodianEnrolmentGate(), AuthorizationFilter.class)
			.addFilterAfter(new PasswordChangeFilter(), AuthorizationFilter.class)
			.addFilterBefore(new AccountStateFilter(accounts), AuthorizationFilter.class)
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions((frames) -> frames.deny()))
			.build();
	}

	/**
	 * The one way to sign in, for the form and for HTTP Basic: the accounts, behind the
	 * login throttle.
	 */
	@Bean
	AuthenticationProvider authenticationProvider(UserAccountRepository accounts, PasswordEncoder passwordEncoder,
			LoginThrottle throttle, SecondFactors secondFactors) {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(new AccountUserDetailsService(accounts));
		passwords.setPasswordEncoder(passwordEncoder);
		// inside the throttle: a right password alone does not clear the failed codes
		return new ThrottledAuthenticationProvider(secondFactors.afterPassword(passwords), throttle);
	}

	@Bean
	LoginThrottle loginThrottle(SecurityProperties properties, Clock clock) {
		return new LoginThrottle(properties.loginThrottle(), clock);
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		// bcrypt by default, and able to verify any hash Spring Security knows should it
		// change
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	static AuthenticationEntryPoint apiUnauthorized(StorageFailures storage, boolean basic) {
		return (request, response, ex) -> {
			if (ex instanceof LoginThrottledException throttled) {
				response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.getRetryAfterSeconds()));
				writeProblem(response, HttpStatus.TOO_MANY_REQUESTS, throttled.getMessage());
				return;
			}
			if (ex instanceof SecondFactorRequiredException) {
				writeProblem(response, HttpStatus.UNAUTHORIZED, "This account signs in with a second factor, which "
						+ "HTTP Basic cannot carry: scripts use an API token of the account (Authorization: Bearer)");
				return;
			}
			if (ex instanceof InternalAuthenticationServiceException) {
				// the account lookup failed: the credentials may well be right
				writeProblem(response, HttpStatus.SERVICE_UNAVAILABLE, storage.explainLogin(ex));
				return;
			}
			if (ex instanceof ApiTokenRefusedException) {
				response.setHeader("WWW-Authenticate", "Bearer realm=\"Keysmith\", error=\"invalid_token\"");
				writeProblem(response, HttpStatus.UNAUTHORIZED, ex.getMessage());
				return;
			}
			// the challenge makes a browser prompt and then cache the credentials for
			// every later
			// request to this origin, other sites' included: only clients that are not
			// browsers get it
			if (!CrossSiteApiFilter.fromBrowser(request)) {
				response.setHeader("WWW-Authenticate",
						basic ? "Basic realm=\"Keysmith\"" : "Bearer realm=\"Keysmith\"");
			}
			writeProblem(response, HttpStatus.UNAUTHORIZED,
					basic ? "Authentication required: send an API token (Authorization: Bearer ks_…) "
							+ "or HTTP Basic credentials of a Keysmith account"
							: "Authentication required: send an API token (Authorization: Bearer ks_…)");
		};
	}

	private static AccessDeniedHandler apiForbidden() {
		return (request, response, ex) -> writeProblem(response, HttpStatus.FORBIDDEN, "This account may not do that");
	}

	/**
	 * A problem written outside Spring MVC, as MVC writes its own:
	 * {@code application/problem+json} with a UTF-8 body (JSON's own encoding, so no
	 * charset parameter) that stays JSON whatever the detail holds.
	 */
	static void writeProblem(jakarta.servlet.http.HttpServletResponse response, HttpStatus status, String detail)
			throws java.io.IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(PROBLEMS.writeValueAsBytes(problem));
	}

}

package dev.keysmith.web;

import java.util.List;

import dev.keysmith.account.Role;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Which role each route needs: the one place that says it, for the pages and the JSON API
 * alike. The first rule that matches decides:
 * <ul>
 * <li>private key exports (and key destruction) need {@code CUSTODIAN};</li>
 * <li>accounts, settings, backups, ThingsBoard servers and CAs are changed by
 * {@code ADMIN} (a server's connection check also by {@code OPERATOR}); the audit log is
 * read by {@code ADMIN} and {@code AUDITOR};</li>
 * <li>one's own account is for every account;</li>
 * <li>every other change (devices, pushes, verifications, batches, renewals) needs
 * {@code OPERATOR};</li>
 * <li>reading needs any role at all, so that an account whose roles were all taken away
 * sees nothing.</li>
 * </ul>
 */
final class RouteAccess {

	/** The routes that hand out a private key (or destroy one), pages and API. */
	static final List<Route> KEY_EXPORTS = List.of(new Route(HttpMethod.GET, "/api/devices/*/key.pem"),
			new Route(HttpMethod.GET, "/api/devices/*/bundle.zip"),
			new Route(HttpMethod.GET, "/api/devices/*/certificates/*/bundle.zip"),
			new Route(HttpMethod.GET, "/api/batches/*/bundles.zip"), new Route(HttpMethod.POST, "/devices/*/key.pem"),
			new Route(HttpMethod.POST, "/devices/*/bundle.zip"),
			new Route(HttpMethod.POST, "/devices/*/certificates/*/bundle.zip"),
			new Route(HttpMethod.POST, "/batches/*/bundles.zip"));

	private static final List<Route> KEY_DESTRUCTION = List.of(
			new Route(HttpMethod.POST, "/api/devices/*/certificates/*/key-destruction"),
			new Route(HttpMethod.POST, "/devices/*/certificates/*/key-destruction"));

	private static final String[] ADMINISTRATION = { "/api/admin/**", "/api/users/**", "/users/**", "/backup",
			"/settings/**" };

	private static final String[] AUDIT = { "/api/audit/**", "/audit/**", "/audit.csv" };

	private static final String[] SERVER_CHECKS = { "/api/thingsboard/servers/*/check", "/servers/*/check" };

	private static final String[] SERVERS_AND_CAS = { "/api/thingsboard/servers/**", "/servers/**", "/api/cas/**",
			"/cas/**" };

	private static final String[] SERVER_FORMS = { "/servers/new", "/servers/*/edit" };

	private static final String[] OWN_ACCOUNT = { "/api/account/**", "/account/**" };

	private RouteAccess() {
	}

	static void apply(
			AuthorizeHttpRequestsConfigurer<org.springframework.security.config.annotation.web.builders.HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
		// by path, whatever the method: MVC answers a HEAD with the GET's handler, which
		// would open the key all the same
		for (Route route : KEY_EXPORTS) {
			requests.requestMatchers(route.pattern()).hasRole(Role.CUSTODIAN.name());
		}
		for (Route route : KEY_DESTRUCTION) {
			requests.requestMatchers(route.pattern()).hasRole(Role.CUSTODIAN.name());
		}
		requests.requestMatchers(ADMINISTRATION)
			.hasRole(Role.ADMIN.name())
			.requestMatchers(AUDIT)
			.hasAnyRole(Role.ADMIN.name(), Role.AUDITOR.name())
			.requestMatchers(HttpMethod.POST, SERVER_CHECKS)
			.hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name())
			.requestMatchers(HttpMethod.GET, SERVER_FORMS)
			.hasRole(Role.ADMIN.name())
			.requestMatchers(OWN_ACCOUNT)
			.authenticated();
		for (HttpMethod change : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)) {
			requests.requestMatchers(change, SERVERS_AND_CAS).hasRole(Role.ADMIN.name());
		}
		for (HttpMethod change : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)) {
			requests.requestMatchers(change, "/**").hasRole(Role.OPERATOR.name());
		}
		requests.anyRequest().hasAnyRole(roleNames());
	}

	private static String[] roleNames() {
		return java.util.Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);
	}

	/** A route: a method and an Ant-style path pattern. */
	record Route(HttpMethod method, String pattern) {

	}

}

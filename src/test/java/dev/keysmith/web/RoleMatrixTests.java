package dev.keysmith.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.Role;
import dev.keysmith.account.TestAccounts;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

/**
 * Every route of the application, found from its handler mappings (so that a new route is
 * in the matrix the day it is written), asked by an account of each single role: each is
 * refused (403) exactly when the role's description says so. The expectations are written
 * here from the roles' descriptions, not read from the route rules. A request the
 * security rules let through is answered by a probe right behind them (status
 * {@value #PASSED}), so that the matrix does nothing it asks for: no backup is made, no
 * device created.
 */
class RoleMatrixTests extends KeysmithTestSupport {

	private static final String ID = "5630df50-3b72-469a-81a7-6d2113fad5aa";

	private static final int PASSED = 299;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	WebApplicationContext context;

	private MockMvcTester probe;

	@BeforeEach
	void probeBehindTheSecurityRules() {
		Filter passed = (request, response, chain) -> ((HttpServletResponse) response).setStatus(PASSED);
		this.probe = MockMvcTester.create(
				MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).addFilters(passed).build());
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void everyRouteWhenAskedByOneRoleThenRefusedExactlyWhereTheRoleSaysSo(Role role) {
		List<String> wrong = new ArrayList<>();
		for (Route route : routes()) {
			boolean allowed = allowed(route, role);
			int status = call(route, TestAccounts.withRoles("matrix-" + role.name().toLowerCase(), role)).getResponse()
				.getStatus();
			if (allowed == (status == HttpStatus.FORBIDDEN.value())) {
				wrong.add(route + " as " + role + ": " + status + ", expected " + (allowed ? "allowed" : "403"));
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void everyRouteWhenTheAccountHoldsNoRoleThenRefusedButItsOwnAccountAndTheLoginPage() {
		List<String> wrong = new ArrayList<>();
		for (Route route : routes()) {
			int status = call(route, TestAccounts.withRoles("matrix-none")).getResponse().getStatus();
			boolean ownAccount = route.path().startsWith("/api/account") || route.path().startsWith("/account")
					|| route.path().equals("/login") || route.path().startsWith("/login/");
			if (ownAccount == (status == HttpStatus.FORBIDDEN.value())) {
				wrong.add(route + ": " + status);
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void keyExportWhenAskedWithAnotherMethodByANonCustodianThenRefusedAll() {
		for (String path : List.of("/api/devices/" + ID + "/key.pem", "/api/devices/" + ID + "/bundle.zip",
				"/api/batches/" + ID + "/bundles.zip", "/api/devices/" + ID + "/certificates/" + ID + "/bundle.zip")) {
			for (HttpMethod method : List.of(HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.POST)) {
				assertThat(call(new Route(method, path, false),
						TestAccounts.withRoles("matrix-head", Role.OPERATOR, Role.AUDITOR, Role.ADMIN)))
					.as("%s %s", method, path)
					.hasStatus(HttpStatus.FORBIDDEN);
			}
		}
	}

	@Test
	void routesWhenListedThenTheMatrixCoversTheKnownClassesOfRoute() {
		List<Route> routes = routes();
		assertThat(routes).hasSizeGreaterThan(100);
		assertThat(routes).extracting(Route::path)
			.contains("/api/devices/" + ID + "/key.pem", "/api/users", "/users", "/api/thingsboard/servers",
					"/devices/" + ID + "/bundle.zip", "/batches/" + ID + "/bundles.zip", "/account/confirm");
	}

	/** What each role may do, in the words of its description. */
	private static boolean allowed(Route route, Role role) {
		String path = route.path();
		boolean read = route.method() == HttpMethod.GET;
		if (path.startsWith("/api/account") || path.startsWith("/account") || path.startsWith("/login/")) {
			return true; // one's own account, and the sign-in's later steps (code, single
							// sign-on)
		}
		if (isKeyExport(route) || path.endsWith("/key-destruction")) {
			return role == Role.CUSTODIAN;
		}
		if (path.startsWith("/api/users") || path.startsWith("/users") || path.startsWith("/api/admin")
				|| path.startsWith("/settings") || path.equals("/backup")) {
			return role == Role.ADMIN;
		}
		if (path.startsWith("/api/audit") || path.startsWith("/audit")) {
			return role == Role.ADMIN || role == Role.AUDITOR;
		}
		if (path.endsWith("/check") && (path.startsWith("/servers") || path.startsWith("/api/thingsboard/servers"))) {
			return role == Role.ADMIN || role == Role.OPERATOR;
		}
		if (path.startsWith("/servers") || path.startsWith("/api/thingsboard/servers") || path.startsWith("/cas")
				|| path.startsWith("/api/cas")) {
			return read ? (role == Role.ADMIN || !(path.endsWith("/new") || path.endsWith("/edit")))
					: role == Role.ADMIN;
		}
		return read || role == Role.OPERATOR;
	}

	private static boolean isKeyExport(Route route) {
		String path = route.path();
		return path.endsWith("/key.pem") || (path.endsWith("/bundle.zip") || path.endsWith("/bundles.zip"));
	}

	private MvcTestResult call(Route route, org.springframework.test.web.servlet.request.RequestPostProcessor who) {
		var request = this.probe.method(route.method()).uri(route.path()).with(who).with(csrf());
		if (route.htmx()) {
			request = request.header("HX-Request", "true");
		}
		return request.exchange();
	}

	private List<Route> routes() {
		List<Route> routes = new ArrayList<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> routes.addAll(routes(info)));
		return routes;
	}

	private static List<Route> routes(RequestMappingInfo info) {
		Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
		boolean htmx = info.getHeadersCondition().toString().contains("HX-Request");
		boolean eventStream = info.getProducesCondition().toString().contains("text/event-stream");
		List<Route> routes = new ArrayList<>();
		for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
			if (eventStream || pattern.startsWith("/error") || pattern.startsWith("/v3/")
					|| pattern.startsWith("/swagger")) {
				continue; // the event streams are GETs like the others, and stay open
			}
			String path = pattern.replaceAll("\\{action:[^}]*}", "pause").replaceAll("\\{[^}]+}", ID);
			Stream<RequestMethod> each = methods.isEmpty() ? Stream.of(RequestMethod.GET) : methods.stream();
			each.forEach((method) -> routes.add(new Route(HttpMethod.valueOf(method.name()), path, htmx)));
		}
		return routes;
	}

	record Route(HttpMethod method, String path, boolean htmx) {

		@Override
		public String toString() {
			return this.method + " " + this.path + (this.htmx ? " (htmx)" : "");
		}

	}

}

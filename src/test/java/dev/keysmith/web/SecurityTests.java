package dev.keysmith.web;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.TestAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

class SecurityTests extends KeysmithTestSupport {

	@ParameterizedTest
	@ValueSource(strings = { "/", "/devices", "/devices/new", "/devices/import",
			"/devices/5630df50-3b72-469a-81a7-6d2113fad5aa", "/devices/5630df50-3b72-469a-81a7-6d2113fad5aa/cert.pem" })
	void pageWhenAnonymousThenRedirectedToLogin(String path) {
		assertThat(this.mvc.get().uri(path)).hasStatus(HttpStatus.FOUND).redirectedUrl().endsWith("/login");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/devices", "/api/devices/5630df50-3b72-469a-81a7-6d2113fad5aa",
			"/api/devices/5630df50-3b72-469a-81a7-6d2113fad5aa/key.pem" })
	void apiWhenAnonymousOrWrongPasswordThenProblem401(String path) {
		assertThat(this.mvc.get().uri(path)).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("WWW-Authenticate", "Basic realm=\"Keysmith\"");
		assertThat(this.mvc.get().uri(path).with(httpBasic("admin", "wrong"))).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void apiWhenBasicAuthWithAdminPasswordThenServed() {
		assertThat(this.mvc.get().uri("/api/devices").with(httpBasic("admin", ADMIN_PASSWORD))).hasStatusOk()
			.doesNotContainHeader("Set-Cookie");
	}

	@Test
	void loginWhenAdminPasswordThenRedirectedToTheDashboardElseError() {
		assertThat(this.mvc.perform(formLogin().user("admin").password(ADMIN_PASSWORD))).hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/");
		assertThat(this.mvc.perform(formLogin().user("admin").password("nope"))).hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/login?error");
	}

	@Test
	void loginPageWhenAnonymousThenShownWithSecureHeaders() {
		assertThat(this.mvc.get().uri("/login")).hasStatusOk()
			.hasHeader("X-Frame-Options", "DENY")
			.hasHeader("X-Content-Type-Options", "nosniff")
			.hasHeader("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY)
			.bodyText()
			.contains("name=\"_csrf\"");
	}

	@Test
	void postWhenNoCsrfTokenThenForbiddenAndNothingCreated() {
		assertThat(this.mvc.post()
			.uri("/devices")
			.with(TestAccounts.everyRole("admin"))
			.param("name", "csrf-victim")
			.param("keyType", "EC_P256")
			.param("validityDays", "30")).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.post()
			.uri("/devices")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf().useInvalidToken())
			.param("name", "csrf-victim")
			.param("keyType", "EC_P256")
			.param("validityDays", "30")).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.post().uri("/logout").with(TestAccounts.everyRole("admin")))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get().uri("/api/devices?q=csrf-victim").with(httpBasic("admin", ADMIN_PASSWORD))).bodyJson()
			.extractingPath("$.totalElements")
			.isEqualTo(0);
	}

	@Test
	void htmxRequestWhenCsrfHeaderSentThenAccepted() {
		assertThat(this.mvc.post()
			.uri("/devices")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf().asHeader())
			.header("HX-Request", "true")
			.param("name", "htmx-created")
			.param("keyType", "EC_P256")
			.param("validityDays", "30")).hasStatus(HttpStatus.FOUND);
	}

	@Test
	void healthWhenAnonymousThenUp() {
		assertThat(this.mvc.get().uri("/actuator/health")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("UP");
	}

}

package dev.keysmith.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.keysmith.account.ApiTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * A valid login while the database cannot be read (here: the accounts table is gone for a
 * moment, so that the lookup fails for real) is not "wrong password": the page says
 * Keysmith cannot check passwords, the API answers 503. A context of its own, since it
 * breaks its database on purpose.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LoginDatabaseFailureTests {

	private static final String PASSWORD = "login-db-failure-password";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ApiTokens tokens;

	@DynamicPropertySource
	static void ownDataDirectory(DynamicPropertyRegistry registry) throws IOException {
		Path dataDir = Files.createTempDirectory("keysmith-login-db-failure-");
		registry.add("keysmith.data-dir", dataDir::toString);
		registry.add("keysmith.vault.master-key", () -> "");
		registry.add("keysmith.security.admin-password", () -> PASSWORD);
	}

	@BeforeEach
	void breakAccountLookups() {
		this.jdbc.execute("ALTER TABLE app_user RENAME TO app_user_away");
	}

	@AfterEach
	void repair() {
		this.jdbc.execute("ALTER TABLE app_user_away RENAME TO app_user");
	}

	@Test
	void formLoginWhenAccountLookupFailsThenPageSaysPasswordsCannotBeCheckedNotWrongPassword() {
		MvcTestResult login = this.mvc.post()
			.uri("/login")
			.param("username", "admin")
			.param("password", PASSWORD)
			.with(csrf())
			.exchange();
		assertThat(login).hasStatus(HttpStatus.FOUND).redirectedUrl().isEqualTo("/login?error");
		MockHttpSession session = (MockHttpSession) login.getRequest().getSession();

		assertThat(this.mvc.get().uri("/login?error").session(session)).hasStatusOk()
			.bodyText()
			.contains("Keysmith cannot read its database, so it cannot check passwords right now")
			.doesNotContain("Wrong username or password");
	}

	@Test
	void apiWhenTokensAccountLookupFailsThen503Not401() {
		repair();
		String token = this.tokens.create("admin", "db failure", List.of(), 1).token();
		breakAccountLookups();
		assertThat(this.mvc.get().uri("/api/devices").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.doesNotContainHeader("WWW-Authenticate")
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("Keysmith cannot read its database");
	}

	@Test
	void apiWhenAccountLookupFailsThen503Not401() {
		assertThat(this.mvc.get().uri("/api/devices").with(httpBasic("admin", PASSWORD)))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.doesNotContainHeader("WWW-Authenticate")
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("Keysmith cannot read its database, so it cannot check passwords right now");
	}

}

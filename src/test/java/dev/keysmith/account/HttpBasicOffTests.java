package dev.keysmith.account;

import java.util.List;

import dev.keysmith.KeysmithTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * {@code keysmith.security.http-basic=false}: the API no longer takes an account's
 * password, says that tokens are the way, and takes tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "keysmith.security.http-basic=false")
class HttpBasicOffTests extends KeysmithTestSupport {

	@Autowired
	ApiTokens tokens;

	@Test
	void apiWhenBasicSwitchedOffThenRightPasswordRefusedSayingTokensAreTheWay() {
		MvcTestResult refused = this.mvc.get().uri("/api/devices").with(httpBasic("admin", ADMIN_PASSWORD)).exchange();
		assertThat(refused).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("WWW-Authenticate", "Bearer realm=\"Keysmith\"");
		assertThat(refused).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("HTTP Basic is switched off")
			.contains("Authorization: Bearer");
		assertThat(this.mvc.get().uri("/v3/api-docs").with(httpBasic("admin", ADMIN_PASSWORD)))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void apiWhenBasicSwitchedOffThenBearerServed() {
		String token = this.tokens.create("admin", "basic off", List.of("OPERATOR"), 7).token();
		assertThat(this.mvc.get().uri("/api/devices").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.hasStatusOk();
		assertThat(this.mvc.get().uri("/api/devices")).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasHeader("WWW-Authenticate", "Bearer realm=\"Keysmith\"")
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.doesNotContain("Basic");
	}

}

package dev.keysmith.web;

import dev.keysmith.KeysmithTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * Repeated wrong passwords for one account from one client address, on the login form and
 * on HTTP Basic. Each test uses its own client address, so that what it locks stays its
 * own.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottleWebTests extends KeysmithTestSupport {

	private static final String WRONG = "wrong-pw-5b1e9c";

	@Test
	void formLoginWhenFiveFailuresThenRightPasswordRefusedWithMessageButAnotherAddressLogsIn(CapturedOutput output) {
		String attacker = "10.66.1.1";
		for (int i = 0; i < 5; i++) {
			assertThat(formLogin("admin", WRONG, attacker)).hasStatus(HttpStatus.FOUND)
				.hasRedirectedUrl("/login?error");
		}
		MvcTestResult refused = formLogin("admin", ADMIN_PASSWORD, attacker);
		assertThat(refused).hasStatus(HttpStatus.FOUND).redirectedUrl().matches("/login\\?throttled=(30|29)");
		assertThat(this.mvc.get().uri(refused.getResponse().getRedirectedUrl())).hasStatusOk()
			.bodyText()
			.containsPattern("Too many failed sign-ins for this account from your address: try again in (30|29) s");
		assertThat(refused.getRequest().getSession(false)).satisfiesAnyOf((session) -> assertThat(session).isNull(),
				(session) -> assertThat(session.getAttribute("SPRING_SECURITY_CONTEXT")).isNull());

		assertThat(formLogin("admin", ADMIN_PASSWORD, "10.66.1.2")).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/");
		assertThat(output.getAll()).contains("Failed sign-in for 'admin' from 10.66.1.1")
			.contains("Refused sign-in for 'admin' from 10.66.1.1")
			.doesNotContain(WRONG)
			.doesNotContain(ADMIN_PASSWORD);
		assertThat(output.getAll().split("Failed sign-in for 'admin' from 10.66.1.1", -1)).hasSize(6);
	}

	@Test
	void basicWhenFiveFailuresThenRightPasswordAnswered429WithRetryAfterButAnotherAddressServed(CapturedOutput output) {
		String attacker = "10.66.2.1";
		for (int i = 0; i < 5; i++) {
			assertThat(api(httpBasic("admin", WRONG), attacker)).hasStatus(HttpStatus.UNAUTHORIZED);
		}
		MvcTestResult refused = api(httpBasic("admin", ADMIN_PASSWORD), attacker);
		assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.doesNotContainHeader("WWW-Authenticate");
		assertThat(refused.getResponse().getHeader("Retry-After")).matches("30|29");
		assertThat(refused).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.matches("Too many failed sign-ins for this account from your address: try again in (30|29) s");

		assertThat(api(httpBasic("admin", ADMIN_PASSWORD), "10.66.2.2")).hasStatusOk();
		// the pages' form is the same account and address: refused there too
		assertThat(formLogin("admin", ADMIN_PASSWORD, attacker)).redirectedUrl().startsWith("/login?throttled=");
		assertThat(output.getAll()).contains("Failed sign-in for 'admin' from 10.66.2.1")
			.contains("Refused sign-in for 'admin' from 10.66.2.1")
			.doesNotContain(WRONG)
			.doesNotContain(ADMIN_PASSWORD);
	}

	@Test
	void loginWhenSuccessBetweenFailuresThenCountStartsAgain() {
		String address = "10.66.3.1";
		for (int i = 0; i < 4; i++) {
			assertThat(api(httpBasic("admin", WRONG), address)).hasStatus(HttpStatus.UNAUTHORIZED);
		}
		assertThat(api(httpBasic("admin", ADMIN_PASSWORD), address)).hasStatusOk();
		for (int i = 0; i < 4; i++) {
			assertThat(api(httpBasic("admin", WRONG), address)).hasStatus(HttpStatus.UNAUTHORIZED);
		}
		assertThat(api(httpBasic("admin", ADMIN_PASSWORD), address)).hasStatusOk();
	}

	@Test
	void loginWhenUnknownAccountThenThrottledAlikeAndLoggedWithoutControlCharacters(CapturedOutput output) {
		String address = "10.66.4.1";
		for (int i = 0; i < 5; i++) {
			assertThat(api(httpBasic("nobody\nforged line", WRONG), address)).hasStatus(HttpStatus.UNAUTHORIZED);
		}
		assertThat(api(httpBasic("nobody\nforged line", WRONG), address)).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(output.getAll()).contains("Failed sign-in for 'nobody?forged line' from 10.66.4.1")
			.doesNotContain("\nforged line");
	}

	private MvcTestResult formLogin(String username, String password, String address) {
		return this.mvc.post()
			.uri("/login")
			.param("username", username)
			.param("password", password)
			.with(csrf())
			.with(from(address))
			.exchange();
	}

	private MvcTestResult api(RequestPostProcessor credentials, String address) {
		return this.mvc.get().uri("/api/devices").with(credentials).with(from(address)).exchange();
	}

	private static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}

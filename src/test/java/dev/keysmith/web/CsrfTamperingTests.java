package dev.keysmith.web;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.keysmith.KeysmithTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * CSRF tokens changed on the way, over real HTTP so that the error page is what a browser
 * gets: always 403, never a failure with a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class CsrfTamperingTests extends KeysmithTestSupport {

	/**
	 * The right length for the session's token (a masked UUID is 72 bytes) and valid
	 * Base64, but unmasked it is not UTF-8 text (36 zero bytes of mask, then 36 bytes
	 * 0xFF): what a token with a few changed characters usually is.
	 */
	static final String NOT_TEXT = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA________________________________________________";

	static final String NOT_BASE64 = "not*base64!";

	static final String TOO_SHORT = "QUJDRA==";

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { NOT_TEXT, NOT_BASE64, TOO_SHORT })
	void loginWhenCsrfParameterTamperedThenForbiddenPageWithoutStackTrace(String token, CapturedOutput output) {
		int logged = output.getAll().length();
		HttpPages pages = new HttpPages(this.port);
		pages.get("/login");
		HttpResponse<String> response = pages.postForm("/login",
				Map.of("username", "admin", "password", ADMIN_PASSWORD, "_csrf", token));
		assertForbiddenPage(response);
		assertNothingLoggedAsError(output, logged);
		// and the session was not logged in
		assertThat(pages.get("/devices").statusCode()).isEqualTo(302);
	}

	@Test
	void loginWhenCsrfHeaderTamperedThenForbiddenPageWithoutStackTrace(CapturedOutput output) {
		int logged = output.getAll().length();
		HttpPages pages = new HttpPages(this.port);
		pages.get("/login");
		HttpResponse<String> response = pages.postForm("/login",
				Map.of("username", "admin", "password", ADMIN_PASSWORD), "X-CSRF-TOKEN", NOT_TEXT);
		assertForbiddenPage(response);
		assertNothingLoggedAsError(output, logged);
	}

	@Test
	void formPostWhenLoggedInAndCsrfTamperedThenForbiddenAndNothingCreated(CapturedOutput output) {
		HttpPages pages = new HttpPages(this.port);
		pages.logIn("admin", ADMIN_PASSWORD);
		pages.get("/devices/new");
		int logged = output.getAll().length();
		Map<String, String> form = Map.of("name", "csrf-tampered", "keyType", "EC_P256", "validityDays", "30", "_csrf",
				NOT_TEXT);
		assertForbiddenPage(pages.postForm("/devices", form));
		HttpResponse<String> htmx = pages.postForm("/devices",
				Map.of("name", "csrf-tampered", "keyType", "EC_P256", "validityDays", "30"), "HX-Request", "true",
				"X-CSRF-TOKEN", NOT_TEXT);
		assertThat(htmx.statusCode()).isEqualTo(403);
		assertThat(htmx.body()).doesNotContain("Exception").doesNotContain("\tat ");
		assertNothingLoggedAsError(output, logged);
		assertThat(this.mvc.get().uri("/api/devices?q=csrf-tampered").with(httpBasic("admin", ADMIN_PASSWORD)))
			.bodyJson()
			.extractingPath("$.totalElements")
			.isEqualTo(0);
		// the session itself is intact: with its real token the same form goes through
		pages.get("/devices/new");
		assertThat(pages
			.postForm("/devices", Map.of("name", "csrf-untampered", "keyType", "EC_P256", "validityDays", "30", "_csrf",
					pages.csrfToken()))
			.statusCode()).isEqualTo(302);
	}

	private static void assertForbiddenPage(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).contains("403")
			.contains("reload the page")
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
	}

	private static void assertNothingLoggedAsError(CapturedOutput output, int from) {
		String logged = output.getAll().substring(from);
		assertThat(logged).doesNotContain(" ERROR ").doesNotContain("Decoding failed").doesNotContain("\tat ");
	}

}

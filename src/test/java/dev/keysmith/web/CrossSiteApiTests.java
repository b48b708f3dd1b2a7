package dev.keysmith.web;

import java.nio.charset.StandardCharsets;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * A browser that has cached Basic credentials for Keysmith must not let another site's
 * page write through the API; and the API must not invite browsers to cache them. MockMvc
 * requests come to http://localhost, so that is this server's own origin here.
 */
class CrossSiteApiTests extends KeysmithTestSupport {

	private static final String REFUSED = "Cross-site requests to the API are refused";

	private final CertificateIssuer issuer = new CertificateIssuer();

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example", "null", "http://localhost:8081", "https://localhost",
			"http://[not an origin" })
	void importWhenForeignOriginThenForbiddenAndNothingCreated(String origin) throws Exception {
		String name = "cross-site-" + Integer.toHexString(origin.hashCode());
		MvcTestResult result = importing(name, "Origin", origin);
		assertThat(result).hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().startsWith(REFUSED);
		assertThat(devicesNamed(name)).isZero();
	}

	@Test
	void importWhenOwnOriginOrNoBrowserHeadersThenCreated() throws Exception {
		assertThat(importing("same-origin-import", "Origin", "http://localhost")).hasStatus(HttpStatus.CREATED);
		assertThat(importing("same-origin-fetch", "Sec-Fetch-Site", "same-origin")).hasStatus(HttpStatus.CREATED);
		assertThat(importing("script-import")).hasStatus(HttpStatus.CREATED);
		assertThat(
				devicesNamed("same-origin-import") + devicesNamed("same-origin-fetch") + devicesNamed("script-import"))
			.isEqualTo(3);
	}

	@Test
	void deleteWhenSecFetchSiteCrossSiteThenForbiddenAndDeviceKept() throws Exception {
		String id = JsonPath.read(this.mvc.post()
			.uri("/api/devices")
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"cross-site-delete\"}")
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8), "$.id");
		assertThat(this.mvc.delete()
			.uri("/api/devices/" + id)
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.header("Sec-Fetch-Site", "cross-site")).hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith(REFUSED);
		assertThat(this.mvc.get().uri("/api/devices/" + id).with(httpBasic("admin", ADMIN_PASSWORD))).hasStatusOk();
		assertThat(this.mvc.delete().uri("/api/devices/" + id).with(httpBasic("admin", ADMIN_PASSWORD)))
			.hasStatus(HttpStatus.NO_CONTENT);
	}

	@Test
	void readWhenForeignOriginThenServedAsBefore() {
		// a cross-site page cannot read the answer (no CORS), and reading changes nothing
		assertThat(this.mvc.get()
			.uri("/api/devices")
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.header("Origin", "https://evil.example")
			.header("Sec-Fetch-Site", "cross-site")).hasStatusOk();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Sec-Fetch-Mode:navigate", "Sec-Fetch-Site:none", "Origin:https://evil.example" })
	void unauthenticatedWhenFromABrowserThen401WithoutBasicChallenge(String header) {
		String[] nameAndValue = header.split(":", 2);
		assertThat(this.mvc.get().uri("/api/devices").header(nameAndValue[0], nameAndValue[1]))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.doesNotContainHeader("WWW-Authenticate");
	}

	@Test
	void unauthenticatedWhenNoBrowserHeadersThen401WithBasicChallenge() {
		assertThat(this.mvc.get().uri("/api/devices")).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasHeader("WWW-Authenticate", "Basic realm=\"Keysmith\"");
	}

	private MvcTestResult importing(String name, String... headers) {
		String cert = PemCodec.certificate(this.issuer.issue(KeyType.EC_P256, name, 30).certificate());
		var request = this.mvc.post()
			.uri("/api/devices/import")
			.multipart()
			.file(new MockMultipartFile("cert", "cert.pem", "text/plain", cert.getBytes(StandardCharsets.UTF_8)))
			.with(httpBasic("admin", ADMIN_PASSWORD));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return request.exchange();
	}

	private int devicesNamed(String name) throws Exception {
		return JsonPath.read(this.mvc.get()
			.uri("/api/devices?q=" + name)
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8), "$.totalElements");
	}

}

package dev.keysmith.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.ApiTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description at {@code /v3/api-docs} and its UI: the JSON API only, with its
 * two ways to sign in, for signed-in users only, a browser session or an API client.
 */
class ApiDocsTests extends KeysmithTestSupport {

	@LocalServerPort
	int port;

	@Autowired
	ApiTokens tokens;

	@Test
	void apiDocsWhenSignedInWithPasswordThenTheJsonApiOnlyWithBothSecuritySchemes() throws Exception {
		MvcTestResult docs = getAsAdmin("/v3/api-docs");
		assertThat(docs).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		String json = docs.getResponse().getContentAsString();
		assertThat(JsonPath.<String>read(json, "$.openapi")).startsWith("3.");
		assertThat(JsonPath.<String>read(json, "$.info.title")).isEqualTo("Keysmith API");
		Map<String, Object> paths = JsonPath.read(json, "$.paths");
		assertThat(paths).containsKeys("/api/devices", "/api/devices/{id}", "/api/account/tokens",
				"/api/account/tokens/{id}");
		assertThat(paths.keySet()).allSatisfy((path) -> assertThat(path).startsWith("/api/"));
		assertThat(JsonPath.<String>read(json, "$.components.securitySchemes.apiToken.scheme")).isEqualTo("bearer");
		assertThat(JsonPath.<String>read(json, "$.components.securitySchemes.password.scheme")).isEqualTo("basic");
		assertThat(JsonPath.<List<Object>>read(json, "$.security")).hasSize(2);
	}

	@Test
	void apiDocsWhenBearerThenServed() {
		String token = this.tokens.create("admin", "docs reader", List.of("AUDITOR"), 1).token();
		assertThat(this.mvc.get().uri("/v3/api-docs").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.info.title")
			.isEqualTo("Keysmith API");
	}

	@Test
	void apiDocsWhenAnonymousThenProblem401OrTheLoginPageForABrowser() {
		for (String path : List.of("/v3/api-docs", "/v3/api-docs.yaml", "/swagger-ui/index.html")) {
			assertThat(this.mvc.get().uri(path)).as(path)
				.hasStatus(HttpStatus.UNAUTHORIZED)
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(this.mvc.get().uri(path).header("Sec-Fetch-Mode", "navigate").accept(MediaType.TEXT_HTML))
				.as(path)
				.hasStatus(HttpStatus.FOUND)
				.redirectedUrl()
				.endsWith("/login");
		}
		assertThat(this.mvc.get().uri("/v3/api-docs").header(HttpHeaders.AUTHORIZATION, "Bearer ks_nothing"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void swaggerUiWhenSignedInToThePagesThenItsFilesAndTheDescriptionLoadUnderThePagesPolicy() {
		HttpPages pages = new HttpPages(this.port);
		assertThat(pages.get("/swagger-ui.html").statusCode()).isEqualTo(302);
		pages.logIn("admin", ADMIN_PASSWORD);

		HttpResponse<String> index = pages.get("/swagger-ui/index.html");
		assertThat(index.statusCode()).isEqualTo(200);
		assertThat(index.body()).contains("swagger-ui-bundle.js").doesNotContainPattern("<script>[^<]");
		assertThat(index.headers().firstValue("Content-Security-Policy"))
			.hasValue(SecurityConfiguration.CONTENT_SECURITY_POLICY);
		assertThat(pages.get("/swagger-ui/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
		HttpResponse<String> config = pages.get("/v3/api-docs/swagger-config", "Accept", "application/json");
		assertThat(config.statusCode()).isEqualTo(200);
		assertThat(config.body()).contains("/v3/api-docs");
		HttpResponse<String> docs = pages.get("/v3/api-docs", "Accept", "application/json");
		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(docs.body()).contains("\"/api/devices\"");
	}

}

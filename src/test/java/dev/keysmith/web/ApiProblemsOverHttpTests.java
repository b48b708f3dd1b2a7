package dev.keysmith.web;

import java.net.http.HttpResponse;

import dev.keysmith.KeysmithTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problems the security layer writes itself (not through Spring MVC), as a client
 * sees them on the wire: the same media type as every other problem of the API, a body
 * that is JSON whatever its text holds.
 */
class ApiProblemsOverHttpTests extends KeysmithTestSupport {

	@LocalServerPort
	int port;

	@Test
	void apiWhenNotSignedInThenProblemJsonWithoutACharsetParameterAndAJsonBody() {
		HttpResponse<String> refused = new HttpPages(this.port).get("/api/devices");
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JsonMapper.builder().build().readTree(refused.body());
		assertThat(problem.get("status").asInt()).isEqualTo(401);
		assertThat(problem.get("detail").asString()).startsWith("Authentication required");
	}

	@Test
	void writeProblemWhenDetailHoldsQuotesAndNonLatinTextThenTheBodyIsStillJson() throws Exception {
		var response = new org.springframework.mock.web.MockHttpServletResponse();
		SecurityConfiguration.writeProblem(response, org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
				"The database said \"no\" \\ für Gerät «温度»");
		JsonNode problem = JsonMapper.builder().build().readTree(response.getContentAsByteArray());
		assertThat(problem.get("detail").asString()).isEqualTo("The database said \"no\" \\ für Gerät «温度»");
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
	}

}

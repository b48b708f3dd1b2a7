package dev.keysmith.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.keysmith.KeysmithTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The container's multipart limit, over real HTTP: MockMvc does not apply it. */
class UploadLimitTests extends KeysmithTestSupport {

	@LocalServerPort
	int port;

	@Test
	void apiImportWhenUploadOverLimitThenProblem413() throws Exception {
		String boundary = "keysmith-boundary";
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"cert\"; filename=\"huge.pem\"\r\n"
				+ "Content-Type: text/plain\r\n\r\n" + "A".repeat(300 * 1024) + "\r\n--" + boundary + "--\r\n";
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/devices/import"))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("at most 64 KB");
	}

}

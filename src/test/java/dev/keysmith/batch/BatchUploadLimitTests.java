package dev.keysmith.batch;

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

/**
 * Over real HTTP: the batch CSV may be far larger than a certificate upload, up to 20 MB
 * and no more. In the shared application (which listens on a real port).
 */
class BatchUploadLimitTests extends KeysmithTestSupport {

	@LocalServerPort
	int port;

	@Test
	void uploadWhenCsvOfOneMegabyteThenReadAndWhenOverTwentyThen413() throws Exception {
		StringBuilder csv = new StringBuilder("name,label\n");
		for (int i = 0; csv.length() < 1024 * 1024; i++) {
			csv.append("limit-").append(i).append(',').append("l".repeat(200)).append('\n');
		}
		HttpResponse<String> taken = upload(csv.toString(), "?dryRun=true");
		assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
		assertThat(taken.body()).contains("\"valid\":");

		HttpResponse<String> refused = upload("name\n" + "a".repeat(20 * 1024 * 1024 + 1), "?dryRun=true");
		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(refused.body()).contains("a batch CSV has at most 20 MB");
		// the device import keeps its own, far smaller limit
		HttpResponse<String> importTooLarge = send("/api/devices/import", "cert", "A".repeat(300 * 1024));
		assertThat(importTooLarge.statusCode()).isEqualTo(413);
		assertThat(importTooLarge.body()).contains("at most 64 KB");
	}

	private HttpResponse<String> upload(String csv, String query) throws Exception {
		return send("/api/batches" + query, "file", csv);
	}

	private HttpResponse<String> send(String path, String part, String content) throws Exception {
		String boundary = "keysmith-boundary";
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part
				+ "\"; filename=\"f.csv\"\r\n" + "Content-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary
				+ "--\r\n";
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}

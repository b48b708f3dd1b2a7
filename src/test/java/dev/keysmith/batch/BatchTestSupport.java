package dev.keysmith.batch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.TrustedServers;
import dev.keysmith.thingsboard.ThingsBoardServerService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application as batch tests need it: retries and ThingsBoard timeouts short enough
 * that a server that is down fails an item within seconds (one cached context for all
 * batch tests), on a database of their own: the other test contexts of the JVM run batch
 * engines too, with other settings (six tries, not four), and on a shared database they
 * would work these batches as well, as instances sharing a database do.
 */
@TestPropertySource(properties = {
		"spring.datasource.url=jdbc:h2:file:${keysmith.data-dir}/keysmith-batch-tests;AUTO_SERVER=FALSE;WRITE_DELAY=0;"
				+ "DB_CLOSE_ON_EXIT=FALSE",
		"keysmith.batch.poll=100ms", "keysmith.batch.retry-backoff=200ms", "keysmith.batch.max-retry-backoff=1s",
		"keysmith.batch.max-attempts=4", "keysmith.thingsboard.read-timeout=1s",
		"keysmith.thingsboard.operation-timeout=3s", "keysmith.thingsboard.circuit-cool-down=1s",
		"keysmith.thingsboard.retry-backoff=50ms", "keysmith.verify.read-back-timeout=3s" })
abstract class BatchTestSupport extends KeysmithTestSupport {

	@Autowired
	ThingsBoardServerService servers;

	/** A server for the double whose DTLS CA Keysmith trusts. */
	UUID server(ThingsBoardDouble thingsBoard) {
		return TrustedServers.add(this.servers, thingsBoard, "batch");
	}

	/** Starts a batch through the API and returns its id. */
	String start(String json) throws Exception {
		MvcTestResult result = api(
				this.mvc.post().uri("/api/batches").contentType(MediaType.APPLICATION_JSON).content(json))
			.exchange();
		assertThat(result).hasStatus(HttpStatus.CREATED);
		return JsonPath.read(body(result), "$.id");
	}

	/** The batch as the API shows it, once it has completed. */
	String awaitCompleted(String id, Duration within) {
		String[] last = new String[1];
		await().atMost(within).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			last[0] = body(api(this.mvc.get().uri("/api/batches/" + id)).exchange());
			assertThat(JsonPath.<String>read(last[0], "$.state")).isEqualTo("COMPLETED");
		});
		return last[0];
	}

	static String body(MvcTestResult result) throws Exception {
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	static <T extends AbstractMockHttpServletRequestBuilder<T>> T api(T request) {
		return request.with(admin());
	}

}

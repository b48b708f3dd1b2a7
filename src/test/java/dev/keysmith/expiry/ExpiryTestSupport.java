package dev.keysmith.expiry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.device.DeviceService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The application as the expiry tests need it: on a database of its own (the counts are
 * this class's devices only), with a clock the tests move on, no scan at start-up (the
 * tests scan when they mean to), and webhook deadlines short enough that a receiver that
 * does not answer fails a delivery within seconds.
 */
@TestPropertySource(properties = {
		"spring.datasource.url=jdbc:h2:file:${keysmith.data-dir}/keysmith-expiry-tests;AUTO_SERVER=FALSE;WRITE_DELAY=0;"
				+ "DB_CLOSE_ON_EXIT=FALSE",
		"keysmith.expiry.scan-at-start=false", "keysmith.expiry.webhook.connect-timeout=1s",
		"keysmith.expiry.webhook.read-timeout=1s", "keysmith.expiry.webhook.attempts=2",
		"keysmith.expiry.webhook.retry-backoff=100ms" })
abstract class ExpiryTestSupport extends KeysmithTestSupport {

	static final MutableClock CLOCK = new MutableClock(Instant.now());

	@TestBean
	Clock clock;

	@Autowired
	DeviceService devices;

	static Clock clock() {
		return CLOCK;
	}

	/** Creates a device through the API with a certificate valid for these days. */
	UUID device(String name, int validityDays) {
		return UUID.fromString(createdId(postJson("/api/devices",
				"{\"name\":\"%s\",\"keyType\":\"EC_P256\",\"validityDays\":%d}".formatted(name, validityDays))));
	}

	/** Notes the device as pushed to this server (no ThingsBoard needed for that). */
	void pushedTo(UUID device, UUID server) {
		this.devices.recordPush(device, server, UUID.randomUUID().toString(), "expiry-test-server", "test");
	}

	static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static <T> T read(MvcTestResult result, String path) {
		return JsonPath.read(body(result), path);
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}

package dev.keysmith.verify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of a verification run beyond its DTLS client's (see {@code dtls.DtlsProperties},
 * under the same prefix).
 *
 * @param readBackTimeout how long to poll ThingsBoard's REST API for the posted telemetry
 * @param notificationTimeout how long to wait for an observe notification
 * @param interruptedCheckInterval how often runs whose Keysmith instance is gone are
 * closed (also at start-up)
 * @param streamHeartbeat how often an open event stream gets a comment line, so that a
 * watcher that went away is noticed and released
 */
@ConfigurationProperties("keysmith.verify")
public record VerifyProperties(@DefaultValue("10s") Duration readBackTimeout,
		@DefaultValue("10s") Duration notificationTimeout, @DefaultValue("30s") Duration interruptedCheckInterval,
		@DefaultValue("15s") Duration streamHeartbeat) {

	/** The defaults, with the run's own waits of the test's choosing. */
	static VerifyProperties waiting(Duration readBackTimeout, Duration notificationTimeout) {
		return new VerifyProperties(readBackTimeout, notificationTimeout, Duration.ofSeconds(30),
				Duration.ofSeconds(15));
	}

}

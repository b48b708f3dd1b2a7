package dev.keysmith.expiry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The expiry scan and the webhook.
 *
 * @param scanInterval how often the scan runs (it also runs once at start-up)
 * @param scanAtStart whether it runs at start-up
 * @param metricsRefresh how often the certificate gauges are counted again
 * @param webhook the webhook's deadlines and retries
 */
@ConfigurationProperties("keysmith.expiry")
record ExpiryProperties(@DefaultValue("24h") Duration scanInterval, @DefaultValue("true") boolean scanAtStart,
		@DefaultValue("1m") Duration metricsRefresh, @DefaultValue Webhook webhook) {

	/**
	 * @param connectTimeout deadline to connect to the receiver
	 * @param readTimeout deadline for the receiver's answer
	 * @param attempts tries of one notice per delivery round (at least 1)
	 * @param retryBackoff wait before the second try, doubled before each further one
	 * @param retryInterval how often notices the receiver did not take are tried again
	 * @param maxDevicesPerNotice entries in one message at most (the rest go in the next)
	 */
	record Webhook(@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
			@DefaultValue("3") int attempts, @DefaultValue("2s") Duration retryBackoff,
			@DefaultValue("15m") Duration retryInterval, @DefaultValue("500") int maxDevicesPerNotice) {

	}

}

package dev.keysmith.batch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How batches run ({@code keysmith.batch.*}).
 *
 * @param defaultConcurrency devices of one batch worked on at once when the batch does
 * not say
 * @param maxConcurrency the most a batch may ask for
 * @param maxPerServer devices worked on at once against one ThingsBoard server by this
 * instance, all batches together
 * @param maxItems devices in one batch
 * @param lease how long an instance holds the items it claimed; renewed while it works on
 * them
 * @param poll how often each instance looks for items to claim
 * @param maxAttempts tries of a stage that failed for a reason worth retrying (timeouts,
 * 5xx, 429, ThingsBoard down) before the item fails
 * @param retryBackoff the wait before the first retry; doubled for each further one
 * @param maxRetryBackoff the longest wait between retries
 * @param maxRate devices per second started against one server when ThingsBoard is not
 * limiting
 * @param minRate the slowest Keysmith goes when ThingsBoard keeps limiting it
 * @param verifyWait how long an item waits for a place for its verification before it
 * tries later
 */
@ConfigurationProperties("keysmith.batch")
record BatchProperties(@DefaultValue("8") int defaultConcurrency, @DefaultValue("16") int maxConcurrency,
		@DefaultValue("16") int maxPerServer, @DefaultValue("10000") int maxItems, @DefaultValue("60s") Duration lease,
		@DefaultValue("250ms") Duration poll, @DefaultValue("6") int maxAttempts,
		@DefaultValue("1s") Duration retryBackoff, @DefaultValue("30s") Duration maxRetryBackoff,
		@DefaultValue("200") double maxRate, @DefaultValue("1") double minRate,
		@DefaultValue("30s") Duration verifyWait) {

	/** The wait before retry number {@code attempt} (1 for the first). */
	Duration backoff(int attempt) {
		long millis = this.retryBackoff.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
		return Duration.ofMillis(Math.min(millis, this.maxRetryBackoff.toMillis()));
	}

}

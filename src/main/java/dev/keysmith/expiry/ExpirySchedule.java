package dev.keysmith.expiry;

import java.time.Duration;

import dev.keysmith.work.BackgroundWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the expiry scan once Keysmith is ready and then every
 * {@code keysmith.expiry.scan-interval} (each scan counts the gauges again and offers
 * what entered a window to the webhook), tries notices the webhook did not take every
 * {@code keysmith.expiry.webhook.retry-interval}, and counts the gauges every
 * {@code keysmith.expiry.metrics-refresh}. All on the background scheduler.
 */
@Component
class ExpirySchedule {

	private static final Logger log = LoggerFactory.getLogger(ExpirySchedule.class);

	private final ExpiryScan scan;

	private final ExpiryMetrics metrics;

	private final WebhookNotifier notifier;

	private final BackgroundWork work;

	private final ExpiryProperties properties;

	ExpirySchedule(ExpiryScan scan, ExpiryMetrics metrics, WebhookNotifier notifier, BackgroundWork work,
			ExpiryProperties properties) {
		this.scan = scan;
		this.metrics = metrics;
		this.notifier = notifier;
		this.work = work;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		Runnable first = this.properties.scanAtStart() ? this::scanAndNotify : this.metrics::refresh;
		this.work.after(Duration.ZERO, () -> {
			try {
				first.run();
			}
			catch (RuntimeException ex) {
				log.warn("The expiry scan (or count) at start-up failed: {}", ex.toString());
			}
		});
		this.work.every(this.properties.scanInterval(), "The expiry scan", this::scanAndNotify);
		this.work.every(this.properties.webhook().retryInterval(), "Expiry notices to the webhook",
				this.notifier::deliverPending);
		this.work.every(this.properties.metricsRefresh(), "Counting certificates for the metrics",
				this.metrics::refresh);
	}

	/** One scan, then the gauges and the webhook. */
	void scanAndNotify() {
		this.scan.scan();
		this.metrics.refresh();
		this.notifier.deliverPending();
	}

}

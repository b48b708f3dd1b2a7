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
 * {@code keysmith.expiry.metrics-refresh}. The scheduler starts them; the rounds that
 * call the webhook run on the outbound thread, so that a receiver slow to answer never
 * holds up the scheduler's other tasks (heartbeats above all).
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
		if (this.properties.scanAtStart()) {
			this.work.outbound("The expiry scan at start-up", this::scanAndNotify);
		}
		else {
			this.work.after(Duration.ZERO, this::countAtStart);
		}
		this.work.every(this.properties.scanInterval(), "The expiry scan",
				() -> this.work.outbound("The expiry scan", this::scanAndNotify));
		this.work.every(this.properties.webhook().retryInterval(), "Expiry notices to the webhook",
				() -> this.work.outbound("Expiry notices to the webhook", this.notifier::deliverPending));
		this.work.every(this.properties.metricsRefresh(), "Counting certificates for the metrics",
				this.metrics::refresh);
	}

	private void countAtStart() {
		try {
			this.metrics.refresh();
		}
		catch (RuntimeException ex) {
			log.warn("Counting certificates at start-up failed: {}", ex.toString());
		}
	}

	/** One scan, then the gauges and the webhook. */
	void scanAndNotify() {
		this.scan.scan();
		this.metrics.refresh();
		this.notifier.deliverPending();
	}

}

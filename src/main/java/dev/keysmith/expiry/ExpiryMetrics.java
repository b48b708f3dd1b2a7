package dev.keysmith.expiry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import org.springframework.stereotype.Component;

/**
 * The gauge {@code keysmith.certificates} ({@code keysmith_certificates} in Prometheus):
 * the devices' ACTIVE certificates by expiry window ({@code window}: {@code expired},
 * {@code within_7_days}, {@code within_30_days}, {@code within_90_days}, {@code later})
 * and server ({@code server}: its name, {@code none} when not pushed), counted again
 * after each scan and every {@code keysmith.expiry.metrics-refresh}.
 */
@Component
class ExpiryMetrics {

	static final String CERTIFICATES = "keysmith.certificates";

	static final String NOT_PUSHED = "none";

	private final ExpiryService expiry;

	private final MultiGauge certificates;

	ExpiryMetrics(ExpiryService expiry, MeterRegistry registry) {
		this.expiry = expiry;
		this.certificates = MultiGauge.builder(CERTIFICATES)
			.description("Device certificates (the ACTIVE one of each device) by expiry window and server")
			.register(registry);
	}

	/** Counts the certificates again. */
	void refresh() {
		ExpirySummary summary = this.expiry.summary();
		// servers Keysmith no longer knows share one name: their counts are added up
		Map<Tags, Long> counts = new LinkedHashMap<>();
		for (ExpirySummary.ServerCounts server : summary.byServer()) {
			String name = server.pushed() ? server.serverName() : NOT_PUSHED;
			for (ExpiryWindow window : ExpiryWindow.values()) {
				counts.merge(Tags.of("window", window.tag(), "server", name), server.counts().in(window), Long::sum);
			}
		}
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		counts.forEach((tags, count) -> rows.add(MultiGauge.Row.of(tags, count)));
		this.certificates.register(rows, true);
	}

}

package dev.keysmith.batch;

import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counts batch items as they end as {@code keysmith.batch.items}
 * ({@code keysmith_batch_items_total}) by {@code outcome} (the item's final state:
 * {@code issued}, {@code pushed}, {@code verified}, {@code skipped}, {@code failed}) and
 * {@code cause} (the failure's or skip's code, {@code none} otherwise).
 */
@Component
class BatchMetrics {

	static final String ITEMS = "keysmith.batch.items";

	private final MeterRegistry registry;

	BatchMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void itemEnded(ItemState state, String cause) {
		this.registry
			.counter(ITEMS, "outcome", state.name().toLowerCase(Locale.ROOT), "cause", (cause != null) ? cause : "none")
			.increment();
	}

}

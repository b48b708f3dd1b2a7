package dev.keysmith.push;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counts finished pushes as {@code keysmith.pushes} ({@code keysmith_pushes_total}) by
 * {@code outcome} ({@code pushed}, {@code failed}) and {@code cause} (the
 * {@link PushFailure}, {@code none} when pushed).
 */
@Component
class PushMetrics {

	static final String PUSHES = "keysmith.pushes";

	private final MeterRegistry registry;

	PushMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void pushed() {
		this.registry.counter(PUSHES, "outcome", "pushed", "cause", "none").increment();
	}

	void failed(PushFailure failure) {
		this.registry.counter(PUSHES, "outcome", "failed", "cause", failure.name()).increment();
	}

}

package dev.keysmith.verify;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Counts finished verification runs as {@code keysmith.verifications}
 * ({@code keysmith_verifications_total}) by {@code outcome} ({@code passed},
 * {@code failed}) and {@code cause} (the {@link Cause}, {@code none} when passed), and
 * times each step that ran as {@code keysmith.verification.step}
 * ({@code keysmith_verification_step_seconds}) by {@code step} (e.g. {@code HANDSHAKE})
 * and {@code status}.
 */
@Component
class VerificationMetrics {

	static final String VERIFICATIONS = "keysmith.verifications";

	static final String STEP = "keysmith.verification.step";

	private final MeterRegistry registry;

	VerificationMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void finished(RunView run) {
		this.registry
			.counter(VERIFICATIONS, "outcome", run.status().name().toLowerCase(java.util.Locale.ROOT), "cause",
					(run.cause() != null) ? run.cause().name() : "none")
			.increment();
		for (StepView step : run.steps()) {
			if (step.durationMs() != null) {
				Timer.builder(STEP)
					.description("How long each step of a verification run took")
					.tags("step", stepTag(step), "status", step.status().name())
					.register(this.registry)
					.record(Duration.ofMillis(step.durationMs()));
			}
		}
	}

	/** The step's constant (its position is its {@link StepName}'s ordinal). */
	private static String stepTag(StepView step) {
		StepName[] names = StepName.values();
		return (step.position() >= 0 && step.position() < names.length) ? names[step.position()].name() : step.name();
	}

}

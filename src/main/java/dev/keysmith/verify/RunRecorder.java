package dev.keysmith.verify;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.progress.Feed;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps one run's record: every step change is published to the run's watchers in this
 * instance, and stored either as it happens (so that a page following the run from
 * another instance sees each step) or only with the verdict, in the same transaction (a
 * batch's light runs: a dozen fewer commits per device). Live notes from the DTLS layer
 * (retransmissions) are published only, never waited on.
 */
final class RunRecorder {

	private final UUID runId;

	private final VerificationRunRepository runs;

	private final TransactionTemplate transactions;

	private final Feed<RunView, RunEvent> events;

	private final Clock clock;

	private final boolean storeEachStep;

	private final Map<StepName, StepView> steps = new EnumMap<>(StepName.class);

	private final Map<StepName, Long> startedNanos = new EnumMap<>(StepName.class);

	/**
	 * @param storeEachStep whether each step change is stored as it happens, or only with
	 * the verdict
	 */
	RunRecorder(RunView run, VerificationRunRepository runs, TransactionTemplate transactions,
			Feed<RunView, RunEvent> events, Clock clock, boolean storeEachStep) {
		this.runId = run.id();
		this.runs = runs;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
		this.storeEachStep = storeEachStep;
		for (StepName name : StepName.values()) {
			this.steps.put(name, run.steps().get(name.ordinal()));
		}
	}

	void start(StepName step, String detail) {
		synchronized (this) {
			this.startedNanos.put(step, System.nanoTime());
		}
		record(step, StepStatus.RUNNING, null, detail, null);
	}

	/**
	 * A live note on a running step, e.g. from Scandium's threads: published, not stored.
	 */
	void note(StepName step, String detail) {
		StepView changed;
		synchronized (this) {
			StepView current = this.steps.get(step);
			if (current.status() != StepStatus.RUNNING) {
				return;
			}
			changed = current.with(StepStatus.RUNNING, null, detail, current.evidence());
			this.steps.put(step, changed);
		}
		this.events.publish(this.runId, new RunEvent.StepChanged(changed));
	}

	void pass(StepName step, String detail, String evidence) {
		record(step, StepStatus.PASSED, elapsed(step), detail, evidence);
	}

	void pass(StepName step, long durationMs, String detail, String evidence) {
		record(step, StepStatus.PASSED, durationMs, detail, evidence);
	}

	void fail(StepName step, String detail, String evidence) {
		record(step, StepStatus.FAILED, elapsed(step), detail, evidence);
	}

	void skipPending(String reason) {
		List<StepView> skipped = new ArrayList<>();
		synchronized (this) {
			for (StepName name : StepName.values()) {
				StepView step = this.steps.get(name);
				if (step.status() == StepStatus.PENDING) {
					StepView changed = step.with(StepStatus.SKIPPED, null, reason, null);
					this.steps.put(name, changed);
					skipped.add(changed);
				}
			}
		}
		store(skipped);
		skipped.forEach((step) -> this.events.publish(this.runId, new RunEvent.StepChanged(step)));
	}

	synchronized StepStatus status(StepName step) {
		return this.steps.get(step).status();
	}

	/**
	 * @param cause why it failed, or {@code null} when it passed
	 */
	RunView finish(RunStatus status, Cause cause, String diagnosis) {
		List<StepView> steps;
		synchronized (this) {
			steps = List.copyOf(this.steps.values());
		}
		RunView finished = this.transactions.execute((tx) -> {
			VerificationRun run = this.runs.findById(this.runId).orElseThrow();
			if (!this.storeEachStep) {
				steps.forEach(run::update);
			}
			run.finish(status, cause, diagnosis, this.clock.instant());
			return this.runs.save(run).view();
		});
		this.events.publish(this.runId, new RunEvent.RunFinished(finished));
		return finished;
	}

	private Long elapsed(StepName step) {
		Long started;
		synchronized (this) {
			started = this.startedNanos.get(step);
		}
		return (started != null) ? (System.nanoTime() - started) / 1_000_000 : null;
	}

	private void record(StepName step, StepStatus status, Long durationMs, String detail, String evidence) {
		StepView changed;
		synchronized (this) {
			changed = this.steps.get(step).with(status, durationMs, detail, evidence);
			this.steps.put(step, changed);
		}
		store(List.of(changed));
		this.events.publish(this.runId, new RunEvent.StepChanged(changed));
	}

	private void store(List<StepView> changed) {
		if (!this.storeEachStep || changed.isEmpty()) {
			return;
		}
		this.transactions.executeWithoutResult((tx) -> {
			VerificationRun run = this.runs.findById(this.runId).orElseThrow();
			changed.forEach(run::update);
			this.runs.save(run);
		});
	}

}

package dev.keysmith.verify;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.progress.Feed;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps one run's record: every step change is stored and published to the run's
 * watchers. Live notes from the DTLS layer (retransmissions) are published only, never
 * waited on.
 */
final class RunRecorder {

	private final UUID runId;

	private final VerificationRunRepository runs;

	private final TransactionTemplate transactions;

	private final Feed<RunView, RunEvent> events;

	private final Clock clock;

	private final Map<StepName, StepView> steps = new EnumMap<>(StepName.class);

	private final Map<StepName, Long> startedNanos = new EnumMap<>(StepName.class);

	RunRecorder(RunView run, VerificationRunRepository runs, TransactionTemplate transactions,
			Feed<RunView, RunEvent> events, Clock clock) {
		this.runId = run.id();
		this.runs = runs;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
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
		for (StepName name : StepName.values()) {
			if (status(name) == StepStatus.PENDING) {
				record(name, StepStatus.SKIPPED, null, reason, null);
			}
		}
	}

	synchronized StepStatus status(StepName step) {
		return this.steps.get(step).status();
	}

	/**
	 * @param cause why it failed, or {@code null} when it passed
	 */
	RunView finish(RunStatus status, Cause cause, String diagnosis) {
		RunView finished = this.transactions.execute((tx) -> {
			VerificationRun run = this.runs.findById(this.runId).orElseThrow();
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
		this.transactions.executeWithoutResult((tx) -> {
			VerificationRun run = this.runs.findById(this.runId).orElseThrow();
			run.update(changed);
			this.runs.save(run);
		});
		this.events.publish(this.runId, new RunEvent.StepChanged(changed));
	}

}

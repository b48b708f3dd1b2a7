package dev.keysmith.lifecycle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.keysmith.device.DeviceAudit;
import dev.keysmith.device.DeviceCredentials;
import dev.keysmith.progress.Feed;
import dev.keysmith.verify.RunStatus;
import dev.keysmith.verify.StepStatus;
import dev.keysmith.verify.StepView;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps one lifecycle run's record: every step change is stored and published to the
 * run's watchers; {@link #audit} adds what a step changed to the device's audit trail.
 */
final class LifecycleRecorder {

	private final UUID runId;

	private final UUID deviceId;

	private final String actor;

	private final LifecycleRunRepository runs;

	private final TransactionTemplate transactions;

	private final Feed<LifecycleView, LifecycleEvent> events;

	private final DeviceCredentials credentials;

	private final Clock clock;

	private final List<StepView> steps;

	private final long[] startedNanos;

	LifecycleRecorder(LifecycleView run, LifecycleRunRepository runs, TransactionTemplate transactions,
			Feed<LifecycleView, LifecycleEvent> events, DeviceCredentials credentials, Clock clock) {
		this.runId = run.id();
		this.deviceId = run.deviceId();
		this.actor = run.startedBy();
		this.runs = runs;
		this.transactions = transactions;
		this.events = events;
		this.credentials = credentials;
		this.clock = clock;
		this.steps = new ArrayList<>(run.steps());
		this.startedNanos = new long[run.steps().size()];
	}

	UUID runId() {
		return this.runId;
	}

	void start(int step, String detail) {
		this.startedNanos[step] = System.nanoTime();
		record(step, StepStatus.RUNNING, null, detail, null);
	}

	void pass(int step, String detail, String evidence) {
		record(step, StepStatus.PASSED, elapsed(step), detail, evidence);
	}

	void fail(int step, String detail, String evidence) {
		record(step, StepStatus.FAILED, elapsed(step), detail, evidence);
	}

	/** Fails the step that is running, if one is. */
	void failRunning(String detail, String evidence) {
		for (int i = 0; i < this.steps.size(); i++) {
			if (this.steps.get(i).status() == StepStatus.RUNNING) {
				fail(i, detail, evidence);
			}
		}
	}

	void skip(int step, String reason) {
		record(step, StepStatus.SKIPPED, null, reason, null);
	}

	void skipIfPending(int step, String reason) {
		if (this.steps.get(step).status() == StepStatus.PENDING) {
			skip(step, reason);
		}
	}

	void skipPending(String reason) {
		for (int i = 0; i < this.steps.size(); i++) {
			if (this.steps.get(i).status() == StepStatus.PENDING) {
				skip(i, reason);
			}
		}
	}

	/** The certificate the run works on, once a renewal has prepared it. */
	void workOn(UUID credentialId) {
		this.transactions.executeWithoutResult((tx) -> {
			LifecycleRun run = this.runs.findById(this.runId).orElseThrow();
			run.workOn(credentialId);
			this.runs.save(run);
		});
	}

	LifecycleView finish(RunStatus status, LifecycleCause cause, String diagnosis, String caveat) {
		LifecycleView finished = this.transactions.execute((tx) -> {
			LifecycleRun run = this.runs.findById(this.runId).orElseThrow();
			run.finish(status, cause, diagnosis, caveat, this.clock.instant());
			return this.runs.save(run).view();
		});
		this.events.publish(this.runId, new LifecycleEvent.RunFinished(finished));
		return finished;
	}

	/** Adds a line to the device's audit trail, naming this run. */
	void audit(DeviceAudit.Action action, String detail) {
		this.credentials.audit(this.deviceId, action, this.actor, detail + " (run " + this.runId + ")");
	}

	private Long elapsed(int step) {
		return (this.startedNanos[step] != 0) ? (System.nanoTime() - this.startedNanos[step]) / 1_000_000 : null;
	}

	private void record(int step, StepStatus status, Long durationMs, String detail, String evidence) {
		StepView current = this.steps.get(step);
		StepView changed = new StepView(current.position(), current.name(), status, durationMs, detail, evidence);
		this.steps.set(step, changed);
		this.transactions.executeWithoutResult((tx) -> {
			LifecycleRun run = this.runs.findById(this.runId).orElseThrow();
			run.update(changed);
			this.runs.save(run);
		});
		this.events.publish(this.runId, new LifecycleEvent.StepChanged(changed));
	}

}

package dev.keysmith.verify;

import java.util.ArrayList;
import java.util.List;

/** A run going on in this process, as its events have made it so far, and who watches it. */
final class LiveRun {

	private RunView run;

	/** Guarded by this object. */
	final List<RunWatcher> watchers = new ArrayList<>();

	LiveRun(RunView run) {
		this.run = run;
	}

	void apply(RunEvent event) {
		if (event instanceof RunEvent.StepChanged changed) {
			List<StepView> steps = new ArrayList<>(this.run.steps());
			steps.set(changed.step().position(), changed.step());
			this.run = new RunView(this.run.id(), this.run.deviceId(), this.run.deviceName(), this.run.serverId(),
					this.run.serverName(), this.run.startedBy(), this.run.status(), this.run.startedAt(),
					this.run.finishedAt(), this.run.payload(), List.copyOf(steps), this.run.diagnosis());
		}
		else if (event instanceof RunEvent.RunFinished finished) {
			this.run = finished.run();
		}
	}

	boolean finished() {
		return this.run.finished();
	}

	/** The run as it is, as events: every step, then the verdict if there is one. */
	List<RunEvent> snapshot() {
		List<RunEvent> events = new ArrayList<>();
		this.run.steps().forEach((step) -> events.add(new RunEvent.StepChanged(step)));
		if (this.run.finished()) {
			events.add(new RunEvent.RunFinished(this.run));
		}
		return events;
	}

}

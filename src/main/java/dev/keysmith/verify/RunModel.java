package dev.keysmith.verify;

import java.util.ArrayList;
import java.util.List;

import dev.keysmith.progress.ProgressModel;

/** A verification run as its watchers see it: steps that change, then the verdict. */
final class RunModel implements ProgressModel<RunView, RunEvent> {

	@Override
	public RunView apply(RunView run, RunEvent event) {
		if (event instanceof RunEvent.StepChanged changed) {
			List<StepView> steps = new ArrayList<>(run.steps());
			steps.set(changed.step().position(), changed.step());
			return run.withSteps(List.copyOf(steps));
		}
		return ((RunEvent.RunFinished) event).run();
	}

	@Override
	public List<RunEvent> replay(RunView run) {
		return changes(null, run);
	}

	@Override
	public List<RunEvent> changes(RunView sent, RunView current) {
		List<RunEvent> events = new ArrayList<>();
		for (StepView step : current.steps()) {
			if (sent == null || !step.equals(sent.steps().get(step.position()))) {
				events.add(new RunEvent.StepChanged(step));
			}
		}
		if (current.finished()) {
			events.add(new RunEvent.RunFinished(current));
		}
		return events;
	}

	@Override
	public boolean finished(RunView run) {
		return run.finished();
	}

	@Override
	public boolean isLast(RunEvent event) {
		return event instanceof RunEvent.RunFinished;
	}

}

package dev.keysmith.verify;

/** What a run tells its watchers: a step changed, or the run ended with its verdict. */
sealed interface RunEvent permits RunEvent.StepChanged, RunEvent.RunFinished {

	record StepChanged(StepView step) implements RunEvent {
	}

	record RunFinished(RunView run) implements RunEvent {
	}

}

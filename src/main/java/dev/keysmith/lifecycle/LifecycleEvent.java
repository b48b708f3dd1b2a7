package dev.keysmith.lifecycle;

import dev.keysmith.verify.StepView;

/** What a lifecycle run tells its watchers: a step changed, or the run ended. */
sealed interface LifecycleEvent permits LifecycleEvent.StepChanged, LifecycleEvent.RunFinished {

	record StepChanged(StepView step) implements LifecycleEvent {
	}

	record RunFinished(LifecycleView run) implements LifecycleEvent {
	}

}

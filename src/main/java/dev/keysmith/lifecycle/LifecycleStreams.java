package dev.keysmith.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.keysmith.progress.Feed;
import dev.keysmith.progress.ProgressModel;
import dev.keysmith.progress.SseWatcher;
import dev.keysmith.verify.StepView;
import dev.keysmith.verify.VerifyProperties;
import dev.keysmith.work.BackgroundWork;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live feed of lifecycle runs, and the event streams that follow it: the same events
 * as a verification run's ({@code step}, then {@code result}).
 */
@Configuration(proxyBeanMethods = false)
class LifecycleStreams {

	/** How often a run going on in another instance is read again from the database. */
	static final Duration STORE_POLL = Duration.ofMillis(500);

	static final Duration STREAM_TIMEOUT = Duration.ofMinutes(10);

	@Bean
	Feed<LifecycleView, LifecycleEvent> lifecycleFeed(BackgroundWork work, VerifyProperties properties) {
		return new Feed<>(new Model(), work, STORE_POLL, properties.streamHeartbeat());
	}

	/** A stream of a run's events, ended after its verdict. */
	static SseWatcher<LifecycleEvent> watcher(SseEmitter emitter,
			Function<LifecycleEvent, SseEmitter.SseEventBuilder> render) {
		return new SseWatcher<>(emitter, render, (event) -> event instanceof LifecycleEvent.RunFinished);
	}

	/** A run's event as the API streams it: {@code step}, then {@code result}. */
	static SseEmitter.SseEventBuilder json(LifecycleEvent event) {
		if (event instanceof LifecycleEvent.StepChanged changed) {
			return SseEmitter.event().name("step").data(changed.step(), MediaType.APPLICATION_JSON);
		}
		return SseEmitter.event()
			.name("result")
			.data(((LifecycleEvent.RunFinished) event).run(), MediaType.APPLICATION_JSON);
	}

	/** A lifecycle run as its watchers see it: steps that change, then the verdict. */
	static final class Model implements ProgressModel<LifecycleView, LifecycleEvent> {

		@Override
		public LifecycleView apply(LifecycleView run, LifecycleEvent event) {
			if (event instanceof LifecycleEvent.StepChanged changed) {
				List<StepView> steps = new ArrayList<>(run.steps());
				steps.set(changed.step().position(), changed.step());
				return run.withSteps(List.copyOf(steps));
			}
			return ((LifecycleEvent.RunFinished) event).run();
		}

		@Override
		public List<LifecycleEvent> replay(LifecycleView run) {
			return changes(null, run);
		}

		@Override
		public List<LifecycleEvent> changes(LifecycleView sent, LifecycleView current) {
			List<LifecycleEvent> events = new ArrayList<>();
			for (StepView step : current.steps()) {
				if (sent == null || !step.equals(sent.steps().get(step.position()))) {
					events.add(new LifecycleEvent.StepChanged(step));
				}
			}
			if (current.finished()) {
				events.add(new LifecycleEvent.RunFinished(current));
			}
			return events;
		}

		@Override
		public boolean finished(LifecycleView run) {
			return run.finished();
		}

		@Override
		public boolean isLast(LifecycleEvent event) {
			return event instanceof LifecycleEvent.RunFinished;
		}

	}

}

package dev.keysmith.verify;

import java.util.function.Function;

import dev.keysmith.progress.Feed;
import dev.keysmith.progress.SseWatcher;
import dev.keysmith.work.BackgroundWork;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live feed of verification runs, and the event streams that follow it. */
@Configuration(proxyBeanMethods = false)
class RunStreams {

	/**
	 * How often a run going on in another Keysmith instance is read again from the
	 * database.
	 */
	static final java.time.Duration STORE_POLL = java.time.Duration.ofMillis(500);

	@Bean
	Feed<RunView, RunEvent> verificationFeed(BackgroundWork work, VerifyProperties properties) {
		return new Feed<>(new RunModel(), work, STORE_POLL, properties.streamHeartbeat());
	}

	/** A run's event as the API streams it: {@code step}, then {@code result}. */
	static SseEmitter.SseEventBuilder render(RunEvent event) {
		if (event instanceof RunEvent.StepChanged changed) {
			return SseEmitter.event().name("step").data(changed.step(), MediaType.APPLICATION_JSON);
		}
		return SseEmitter.event().name("result").data(((RunEvent.RunFinished) event).run(), MediaType.APPLICATION_JSON);
	}

	/** A stream of a run's events, ended after its verdict. */
	static SseWatcher<RunEvent> watcher(SseEmitter emitter, Function<RunEvent, SseEmitter.SseEventBuilder> render) {
		return new SseWatcher<>(emitter, render, (event) -> event instanceof RunEvent.RunFinished);
	}

}

package dev.keysmith.batch;

import java.time.Duration;

import dev.keysmith.progress.Feed;
import dev.keysmith.progress.SseWatcher;
import dev.keysmith.verify.VerifyProperties;
import dev.keysmith.work.BackgroundWork;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The feed of batches, and the event streams that follow it. */
@Configuration(proxyBeanMethods = false)
class BatchStreams {

	/** How often a watched batch is read again from the database. */
	static final Duration STORE_POLL = Duration.ofMillis(500);

	/** How long an event stream of a batch stays open; the page reconnects after that. */
	static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

	@Bean
	Feed<BatchView, BatchEvent> batchFeed(BackgroundWork work, VerifyProperties properties) {
		return new Feed<>(new BatchModel(), work, STORE_POLL, properties.streamHeartbeat());
	}

	/** A stream of a batch's events as {@code batch} events, ended after it finished. */
	static SseWatcher<BatchEvent> watcher(SseEmitter emitter) {
		return new SseWatcher<>(emitter,
				(event) -> SseEmitter.event().name("batch").data(event.batch(), MediaType.APPLICATION_JSON),
				(event) -> event instanceof BatchEvent.Finished);
	}

}

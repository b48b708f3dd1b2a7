package dev.keysmith.verify;

import java.io.IOException;
import java.util.function.Function;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Sends a run's events to one browser or API client as Server-Sent Events, and ends the
 * stream after the verdict. It knows when its client has gone: the stream completed, timed
 * out or failed, or a write to it failed (a heartbeat comment finds that out when there is
 * nothing else to send).
 */
final class EmitterWatcher implements RunWatcher {

	private final SseEmitter emitter;

	private final Function<RunEvent, SseEmitter.SseEventBuilder> render;

	private volatile boolean open = true;

	EmitterWatcher(SseEmitter emitter, Function<RunEvent, SseEmitter.SseEventBuilder> render) {
		this.emitter = emitter;
		this.render = render;
		emitter.onCompletion(() -> this.open = false);
		emitter.onTimeout(() -> this.open = false);
		emitter.onError((ex) -> this.open = false);
	}

	@Override
	public boolean accept(RunEvent event) {
		if (!this.open) {
			return false;
		}
		try {
			this.emitter.send(this.render.apply(event));
			if (event instanceof RunEvent.RunFinished) {
				this.emitter.send(SseEmitter.event().name("done").data(""));
				this.emitter.complete();
				this.open = false;
			}
			return this.open;
		}
		catch (IOException | IllegalStateException ex) {
			this.open = false;
			return false;
		}
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public boolean heartbeat() {
		if (!this.open) {
			return false;
		}
		try {
			this.emitter.send(SseEmitter.event().comment("keep-alive"));
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			this.open = false;
			return false;
		}
	}

	@Override
	public void close() {
		if (this.open) {
			this.open = false;
			this.emitter.complete();
		}
	}

}

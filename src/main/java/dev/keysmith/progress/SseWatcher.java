package dev.keysmith.progress;

import java.io.IOException;
import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Sends the events of a piece of work to one browser or API client as Server-Sent Events,
 * and ends the stream with a {@code done} event after the last one. It knows when its
 * client has gone: the stream completed, timed out or failed, or a write to it failed (a
 * heartbeat comment finds that out when there is nothing else to send).
 *
 * @param <E> the events it sends
 */
public final class SseWatcher<E> implements Watcher<E> {

	private final SseEmitter emitter;

	private final Function<E, SseEmitter.SseEventBuilder> render;

	private final Predicate<E> last;

	private volatile boolean open = true;

	/**
	 * @param render the event as it goes out (its name and data)
	 * @param last which event ends the stream
	 */
	public SseWatcher(SseEmitter emitter, Function<E, SseEmitter.SseEventBuilder> render, Predicate<E> last) {
		this.emitter = emitter;
		this.render = render;
		this.last = last;
		emitter.onCompletion(() -> this.open = false);
		emitter.onTimeout(() -> this.open = false);
		emitter.onError((ex) -> this.open = false);
	}

	@Override
	public boolean accept(E event) {
		if (!this.open) {
			return false;
		}
		try {
			this.emitter.send(this.render.apply(event));
			if (this.last.test(event)) {
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

package dev.keysmith.progress;

/**
 * Someone watching a piece of work, such as an event stream; called on the ordered event
 * thread, never on the thread doing the work.
 *
 * @param <E> the events it gets
 */
public interface Watcher<E> {

	/**
	 * @return {@code false} when the watcher is gone and should be dropped
	 */
	boolean accept(E event);

	/**
	 * Whether the watcher is still there: {@code false} once its client left or its
	 * stream timed out.
	 */
	default boolean isOpen() {
		return true;
	}

	/**
	 * Tells the client the stream is alive, which also finds out whether it still is.
	 * @return {@code false} when the watcher is gone and should be dropped
	 */
	default boolean heartbeat() {
		return isOpen();
	}

	/** Ends the stream: the application is stopping. */
	default void close() {
	}

	/** Delivers an event; a watcher that fails is gone. */
	static <E> boolean deliver(Watcher<E> watcher, E event) {
		try {
			return watcher.accept(event);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** Beats a heartbeat; a watcher that fails is gone. */
	static boolean beat(Watcher<?> watcher) {
		try {
			return watcher.heartbeat();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** Closes a watcher, whatever it throws. */
	static void closeQuietly(Watcher<?> watcher) {
		try {
			watcher.close();
		}
		catch (RuntimeException ex) {
			// it is gone already
		}
	}

}

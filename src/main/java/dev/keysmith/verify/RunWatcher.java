package dev.keysmith.verify;

/** Someone watching a run, such as an event stream; called on the events' dispatcher thread. */
interface RunWatcher {

	/** @return {@code false} when the watcher is gone and should be dropped */
	boolean accept(RunEvent event);

	/** Whether the watcher is still there: {@code false} once its client left or its stream timed out. */
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
	static boolean deliver(RunWatcher watcher, RunEvent event) {
		try {
			return watcher.accept(event);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** Beats a heartbeat; a watcher that fails is gone. */
	static boolean beat(RunWatcher watcher) {
		try {
			return watcher.heartbeat();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** Closes a watcher, whatever it throws. */
	static void closeQuietly(RunWatcher watcher) {
		try {
			watcher.close();
		}
		catch (RuntimeException ex) {
			// it is gone already
		}
	}

}

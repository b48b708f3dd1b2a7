package dev.keysmith.progress;

import java.util.List;

/**
 * How one kind of long-running work (a verification run, a batch) looks to those who
 * watch it: what a snapshot of it becomes after an event, and which events tell a watcher
 * about a snapshot, or about what changed between two stored snapshots.
 *
 * @param <S> a snapshot of the work, as stored and as shown
 * @param <E> an event about it
 */
public interface ProgressModel<S, E> {

	/** The snapshot once the event has happened. */
	S apply(S snapshot, E event);

	/**
	 * The events that bring a new watcher up to this snapshot, the final one included if
	 * it is finished.
	 */
	List<E> replay(S snapshot);

	/**
	 * The events between two snapshots read from the store; {@code sent} is null when
	 * none was sent yet.
	 */
	List<E> changes(S sent, S current);

	boolean finished(S snapshot);

	/** Whether the event is the last one of the work (after it, streams end). */
	boolean isLast(E event);

}

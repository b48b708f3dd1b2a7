package dev.keysmith.batch;

/** What a batch's watchers hear: the batch as it is now, and at last as it ended. */
sealed interface BatchEvent {

	BatchView batch();

	/** Counts, state or note changed. */
	record Changed(BatchView batch) implements BatchEvent {
	}

	/** The batch completed or was cancelled: the last event of a stream. */
	record Finished(BatchView batch) implements BatchEvent {
	}

}

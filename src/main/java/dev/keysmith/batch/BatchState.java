package dev.keysmith.batch;

/** Where a batch is. */
enum BatchState {

	RUNNING, PAUSED, CANCELLED, COMPLETED;

	boolean finished() {
		return this == CANCELLED || this == COMPLETED;
	}

}

package dev.keysmith.batch;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A batch as the API, the page and its event stream show it.
 *
 * @param counts items per state
 * @param failuresByCause failed items per cause code
 * @param devicesPerSecond items finished per second since the batch started
 * @param etaSeconds the time left at that pace, while it runs
 * @param note what the batch wants the operator to know now (ThingsBoard limiting it,
 * say)
 */
record BatchView(UUID id, BatchState state, String source, Instant createdAt, String createdBy, int total,
		Map<ItemState, Long> counts, Map<String, Long> failuresByCause, double devicesPerSecond, Instant startedAt,
		Instant finishedAt, long elapsedSeconds, Long etaSeconds, String note, BatchOptions options) {

	boolean finished() {
		return this.state.finished();
	}

	/** Items done with: finished at their last stage, failed or skipped. */
	long done() {
		return this.total - pending();
	}

	long pending() {
		long done = this.counts.getOrDefault(ItemState.FAILED, 0L) + this.counts.getOrDefault(ItemState.SKIPPED, 0L);
		Stage last = this.options.stages().isEmpty() ? null
				: this.options.stages().get(this.options.stages().size() - 1);
		if (last != null) {
			done += this.counts.getOrDefault(last.done(), 0L);
		}
		return Math.max(0, this.total - done);
	}

}

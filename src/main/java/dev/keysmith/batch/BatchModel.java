package dev.keysmith.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.keysmith.progress.ProgressModel;

/**
 * A batch as its watchers see it. A batch's items may be worked on by several instances,
 * so it is always followed through the database: each look that finds it changed sends it
 * whole.
 */
final class BatchModel implements ProgressModel<BatchView, BatchEvent> {

	@Override
	public BatchView apply(BatchView batch, BatchEvent event) {
		return event.batch();
	}

	@Override
	public List<BatchEvent> replay(BatchView batch) {
		return changes(null, batch);
	}

	@Override
	public List<BatchEvent> changes(BatchView sent, BatchView current) {
		List<BatchEvent> events = new ArrayList<>();
		if (sent == null || !same(sent, current)) {
			events.add(new BatchEvent.Changed(current));
		}
		if (current.finished()) {
			events.add(new BatchEvent.Finished(current));
		}
		return events;
	}

	@Override
	public boolean finished(BatchView batch) {
		return batch.finished();
	}

	@Override
	public boolean isLast(BatchEvent event) {
		return event instanceof BatchEvent.Finished;
	}

	/** Whether anything a watcher sees has changed (time alone does not count). */
	private static boolean same(BatchView a, BatchView b) {
		return a.state() == b.state() && a.counts().equals(b.counts())
				&& a.failuresByCause().equals(b.failuresByCause()) && Objects.equals(a.note(), b.note());
	}

}

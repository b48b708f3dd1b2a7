package dev.keysmith.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the batch page shows: the batch, each stage's progress, and its failures grouped
 * by cause.
 *
 * @param stages per stage run: its name and how many items are past it
 * @param failures per cause: its count, its plain words and the first affected items
 */
record BatchPage(BatchView batch, List<StageProgress> stages, List<CauseGroup> failures) {

	/** How many items of the batch are past one stage. */
	record StageProgress(Stage stage, long done, int total) {
	}

	/** The failures of one cause. */
	record CauseGroup(String cause, long count, String explanation, List<ItemView> items) {
	}

	/** The items shown per cause; the API lists all of them. */
	static final int ITEMS_PER_CAUSE = 20;

	static BatchPage of(BatchView batch, BatchService batches) {
		List<StageProgress> stages = new ArrayList<>();
		Map<ItemState, Long> counts = batch.counts();
		for (Stage stage : batch.options().stages()) {
			long done = 0;
			for (ItemState state = stage.done(); state != null; state = next(state)) {
				done += counts.getOrDefault(state, 0L);
			}
			stages.add(new StageProgress(stage, done, batch.total()));
		}
		List<CauseGroup> failures = new ArrayList<>();
		batch.failuresByCause()
			.forEach((cause, count) -> failures.add(new CauseGroup(cause, count, FailureCauses.explain(cause),
					batches.items(batch.id(), ItemState.FAILED, cause, 0, ITEMS_PER_CAUSE))));
		return new BatchPage(batch, stages, failures);
	}

	/** What a renewal batch does, in words; {@code null} for other batches. */
	public String renewalSummary() {
		BatchOptions options = this.batch.options();
		if (!options.runs(Stage.RENEW)) {
			return null;
		}
		String which = (options.expiresWithinDays() != null)
				? "every certificate expiring within " + options.expiresWithinDays() + " days" : "the devices chosen";
		String what = options.activate() ? "each new certificate is activated, test-then-commit"
				: "each new certificate is prepared and waits PENDING until it is activated";
		String key = options.keepKey() ? "for the same key" : "with a new key";
		return "A renewal of " + which + ": " + what + ", " + key
				+ ". bundles.zip holds the new certificates of the devices renewed.";
	}

	private static ItemState next(ItemState state) {
		return switch (state) {
			case ISSUED -> ItemState.PUSHED;
			case PUSHED -> ItemState.VERIFIED;
			case VERIFIED -> ItemState.RENEWED;
			default -> null;
		};
	}

}

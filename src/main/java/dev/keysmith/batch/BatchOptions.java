package dev.keysmith.batch;

import java.util.List;
import java.util.UUID;

import dev.keysmith.pki.KeyType;
import dev.keysmith.verify.Depth;

/**
 * What a batch does with each of its devices.
 *
 * @param stages the stages to run, in order
 * @param verify how far each verification goes
 */
record BatchOptions(KeyType keyType, Integer validityDays, UUID serverId, String deviceProfileId, List<Stage> stages,
		Depth verify, OnExistingName onExistingName, OnExistingThingsBoardDevice onExistingThingsBoardDevice,
		Integer concurrency) {

	boolean runs(Stage stage) {
		return this.stages.contains(stage);
	}

	/**
	 * The stage after the state, among those this batch runs; {@code null} when none is
	 * left.
	 */
	Stage next(ItemState state) {
		for (Stage stage = Stage.after(state); stage != null; stage = Stage.after(stage.done())) {
			if (runs(stage)) {
				return stage;
			}
		}
		return null;
	}

}

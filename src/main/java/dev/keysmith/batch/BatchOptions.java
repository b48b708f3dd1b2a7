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
 * @param serverId the server to push to and verify against; in a renewal batch, the
 * server whose devices it chose (or {@code null} for all)
 * @param activate in a renewal batch: activate each new certificate, not only prepare it
 * @param keepKey in a renewal batch: certify the same key anew
 * @param inOneGo in a renewal batch that activates: renew and activate in one go the
 * devices with no new certificate waiting (devices not in the field yet)
 * @param expiresWithinDays in a renewal batch chosen by expiry: the window it chose from
 * @param caId the Keysmith CA that issues the batch's certificates (generated, or for a
 * row's CSR); {@code null}: self-signed
 */
record BatchOptions(KeyType keyType, Integer validityDays, UUID serverId, String deviceProfileId, List<Stage> stages,
		Depth verify, OnExistingName onExistingName, OnExistingThingsBoardDevice onExistingThingsBoardDevice,
		Integer concurrency, boolean activate, boolean keepKey, Integer expiresWithinDays, UUID caId, boolean inOneGo) {

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

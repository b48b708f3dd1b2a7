package dev.keysmith.batch;

import java.util.List;
import java.util.UUID;

import dev.keysmith.pki.KeyType;
import dev.keysmith.verify.Depth;

/**
 * A batch as asked for in the API: a name pattern with a start and a count, or existing
 * devices, plus the options (a CSV comes as a multipart file with the same options as
 * fields).
 */
record BatchRequest(String pattern, Integer start, Integer count, List<UUID> deviceIds, KeyType keyType,
		Integer validityDays, UUID serverId, String deviceProfileId, List<Stage> stages, Depth verify,
		OnExistingName onExistingName, OnExistingThingsBoardDevice onExistingThingsBoardDevice, Integer concurrency,
		Integer expiresWithinDays, Boolean activate, Boolean keepKey, UUID caId, Boolean inOneGo) {

	/** A batch that renews no certificate. */
	BatchRequest(String pattern, Integer start, Integer count, List<UUID> deviceIds, KeyType keyType,
			Integer validityDays, UUID serverId, String deviceProfileId, List<Stage> stages, Depth verify,
			OnExistingName onExistingName, OnExistingThingsBoardDevice onExistingThingsBoardDevice,
			Integer concurrency) {
		this(pattern, start, count, deviceIds, keyType, validityDays, serverId, deviceProfileId, stages, verify,
				onExistingName, onExistingThingsBoardDevice, concurrency, null, null, null, null, null);
	}

	/** Whether it renews certificates (the RENEW stage, or devices chosen by expiry). */
	boolean renews() {
		return (this.stages != null && this.stages.contains(Stage.RENEW))
				|| ((this.stages == null || this.stages.isEmpty()) && this.expiresWithinDays != null);
	}

}

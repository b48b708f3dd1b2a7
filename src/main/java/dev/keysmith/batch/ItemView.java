package dev.keysmith.batch;

import java.util.UUID;

/**
 * An item as the API and the page show it.
 *
 * @param runId the item's verification run, or its lifecycle run in a renewal batch
 * @param certificateId the new certificate of a renewal, once prepared
 */
record ItemView(int line, String name, ItemState state, Stage stage, String cause, String detail, UUID deviceId,
		String thingsboardDeviceId, UUID runId, UUID certificateId, int attempts) {

}

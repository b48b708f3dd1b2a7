package dev.keysmith.batch;

import java.util.UUID;

/** An item as the API and the page show it. */
record ItemView(int line, String name, ItemState state, Stage stage, String cause, String detail, UUID deviceId,
		String thingsboardDeviceId, UUID runId, int attempts) {

}

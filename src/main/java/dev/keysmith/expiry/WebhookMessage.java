package dev.keysmith.expiry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the webhook receives: the certificates that entered an expiry window since the
 * last notice the receiver took, oldest first.
 */
record WebhookMessage(String type, Instant sentAt, List<Entered> devices) {

	static final String TYPE = "keysmith.certificates.entered-window";

	/**
	 * One certificate that entered a window; {@code serverId} and {@code serverName} are
	 * null for a device not pushed anywhere.
	 */
	record Entered(UUID deviceId, String deviceName, UUID serverId, String serverName, UUID certificateId,
			String window, Instant notAfter, long daysLeft, Instant enteredAt) {
	}

}

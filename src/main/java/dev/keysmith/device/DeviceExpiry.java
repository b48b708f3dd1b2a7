package dev.keysmith.device;

import java.time.Instant;
import java.util.UUID;

/**
 * When a device's ACTIVE certificate ends, and where the device was pushed (null:
 * nowhere): what expiry windows are counted from.
 */
public record DeviceExpiry(UUID deviceId, String deviceName, UUID serverId, UUID credentialId, Instant notAfter) {

}

package dev.keysmith.device;

import java.util.List;

/**
 * A device just created or imported, and what the operator should know about it: its
 * certificate expiring soon, a name that looks like another device's, …
 */
public record DeviceOutcome(Device device, List<String> warnings) {

}

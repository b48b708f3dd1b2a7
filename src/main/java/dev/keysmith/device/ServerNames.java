package dev.keysmith.device;

import java.util.Map;
import java.util.UUID;

/**
 * The names of the ThingsBoard servers devices are pushed to, by id, in the order to list
 * them: for the device list's server filter. Provided by the servers' package, which the
 * devices' package may not call.
 */
public interface ServerNames {

	Map<UUID, String> byId();

}

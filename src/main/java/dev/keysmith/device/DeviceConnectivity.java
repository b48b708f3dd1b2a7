package dev.keysmith.device;

import java.util.Optional;
import java.util.UUID;

/**
 * Where a pushed device connects, for its bundle's README and ca.pem. Implemented by the
 * ThingsBoard feature, so that devices need not know about servers.
 */
public interface DeviceConnectivity {

	Optional<Endpoint> endpointFor(UUID serverId);

	/**
	 * @param serverCaPem the DTLS server's confirmed CA, or {@code null}
	 */
	record Endpoint(String serverName, String coapHost, int coapPort, String serverCaPem) {
	}

}

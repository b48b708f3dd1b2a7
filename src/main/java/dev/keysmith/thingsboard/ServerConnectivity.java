package dev.keysmith.thingsboard;

import java.util.Optional;
import java.util.UUID;

import dev.keysmith.device.DeviceConnectivity;

import org.springframework.stereotype.Component;

/**
 * Tells device bundles the CoAP host, port and confirmed CA of the server a device was
 * pushed to.
 */
@Component
class ServerConnectivity implements DeviceConnectivity {

	private final ThingsBoardServerRepository servers;

	ServerConnectivity(ThingsBoardServerRepository servers) {
		this.servers = servers;
	}

	@Override
	public Optional<Endpoint> endpointFor(UUID serverId) {
		return this.servers.findById(serverId)
			.map((server) -> new Endpoint(server.getName(), server.getCoapHost(), server.getCoapPort(),
					server.getServerCaPem()));
	}

}

package dev.keysmith.thingsboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.device.ServerNames;

import org.springframework.stereotype.Component;

/** The servers' names for the device list's server filter, in the servers' order. */
@Component
class DeviceServerNames implements ServerNames {

	private final ThingsBoardServerService servers;

	DeviceServerNames(ThingsBoardServerService servers) {
		this.servers = servers;
	}

	@Override
	public Map<UUID, String> byId() {
		Map<UUID, String> names = new LinkedHashMap<>();
		this.servers.list().forEach((server) -> names.put(server.getId(), server.getName()));
		return names;
	}

}

package dev.keysmith.thingsboard;

import java.util.UUID;

import dev.keysmith.common.NotFoundException;

public class ServerNotFoundException extends NotFoundException {

	public ServerNotFoundException(UUID id) {
		super("No ThingsBoard server with id '" + id + "'");
	}

}

package dev.keysmith.push;

import java.security.Principal;
import java.util.UUID;

import dev.keysmith.common.InvalidRequestException;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/devices/{id}/push}. */
@RestController
class PushApiController {

	private final PushService push;

	PushApiController(PushService push) {
		this.push = push;
	}

	@PostMapping("/api/devices/{id}/push")
	PushResult push(@PathVariable UUID id, @RequestBody PushRequest request, Principal principal) {
		if (request.serverId() == null) {
			throw new InvalidRequestException("serverId", "Say which server to push to: serverId");
		}
		return this.push.push(id, request.serverId(), request.deviceProfileId(), principal.getName());
	}

	record PushRequest(UUID serverId, String deviceProfileId) {
	}

}

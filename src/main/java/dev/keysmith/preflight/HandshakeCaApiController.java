package dev.keysmith.preflight;

import java.util.UUID;

import dev.keysmith.thingsboard.ServerJson;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/thingsboard/servers/{id}/ca/from-handshake}: what the server presents
 * becomes {@code pendingCa}.
 */
@RestController
class HandshakeCaApiController {

	private final HandshakeCaService handshakeCa;

	HandshakeCaApiController(HandshakeCaService handshakeCa) {
		this.handshakeCa = handshakeCa;
	}

	@PostMapping("/api/thingsboard/servers/{id}/ca/from-handshake")
	ServerJson fromHandshake(@PathVariable UUID id) {
		return ServerJson.of(this.handshakeCa.proposeFromHandshake(id));
	}

}

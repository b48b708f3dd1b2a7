package dev.keysmith.thingsboard;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.keysmith.thingsboard.client.dto.TbProfile;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** ThingsBoard servers in the JSON API. */
@RestController
@RequestMapping("/api/thingsboard/servers")
class ServerApiController {

	private final ThingsBoardServerService servers;

	ServerApiController(ThingsBoardServerService servers) {
		this.servers = servers;
	}

	@PostMapping
	ResponseEntity<ServerJson> create(@RequestBody ServerSettings settings) {
		ThingsBoardServer server = this.servers.create(settings);
		return ResponseEntity.created(URI.create("/api/thingsboard/servers/" + server.getId()))
			.body(ServerJson.of(server));
	}

	@GetMapping
	List<ServerJson> list() {
		return this.servers.list().stream().map(ServerJson::of).toList();
	}

	@GetMapping("/{id}")
	ServerJson get(@PathVariable UUID id) {
		return ServerJson.of(this.servers.get(id));
	}

	@PutMapping("/{id}")
	ServerJson update(@PathVariable UUID id, @RequestBody ServerSettings settings) {
		return ServerJson.of(this.servers.update(id, settings));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		this.servers.delete(id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/profiles")
	List<TbProfile> profiles(@PathVariable UUID id) {
		ThingsBoardServer server = this.servers.get(id);
		return this.servers.client(server).deviceProfiles();
	}

	@PostMapping("/{id}/ca")
	ServerJson proposeCa(@PathVariable UUID id, @RequestBody CaRequest request) {
		return ServerJson.of(this.servers.proposeServerCa(id, request.serverCaPem()));
	}

	@PostMapping("/{id}/ca/fetch")
	ServerJson fetchCa(@PathVariable UUID id) {
		return ServerJson.of(this.servers.fetchServerCa(id));
	}

	@PostMapping("/{id}/ca/confirm")
	ServerJson confirmCa(@PathVariable UUID id, @RequestBody ConfirmRequest request) {
		return ServerJson.of(this.servers.confirmServerCa(id, request.sha256Fingerprint()));
	}

	@DeleteMapping("/{id}/ca")
	ServerJson forgetCa(@PathVariable UUID id) {
		return ServerJson.of(this.servers.forgetServerCa(id));
	}

	record CaRequest(String serverCaPem) {
	}

	record ConfirmRequest(String sha256Fingerprint) {
	}

}

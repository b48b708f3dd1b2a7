package dev.keysmith.preflight;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/thingsboard/servers/{id}/check}: the pre-flight findings. */
@RestController
class ServerCheckApiController {

	private final ServerCheckService checks;

	ServerCheckApiController(ServerCheckService checks) {
		this.checks = checks;
	}

	@PostMapping("/api/thingsboard/servers/{id}/check")
	CheckJson check(@PathVariable UUID id) {
		List<Finding> findings = this.checks.check(id);
		boolean ok = findings.stream().noneMatch((f) -> f.status() == Finding.Status.FAILED);
		return new CheckJson(id, ok, findings);
	}

	record CheckJson(UUID serverId, boolean ok, List<Finding> findings) {
	}

}

package dev.keysmith.verify;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Verification runs in the JSON API: start, read, and stream the same events as the page.
 */
@RestController
class VerificationApiController {

	private final VerificationService verifications;

	VerificationApiController(VerificationService verifications) {
		this.verifications = verifications;
	}

	@PostMapping("/api/devices/{id}/verifications")
	ResponseEntity<Map<String, UUID>> start(@PathVariable UUID id, @RequestBody(required = false) StartRequest request,
			Principal principal) {
		StartRequest body = (request != null) ? request : new StartRequest(null, null);
		RunView run = this.verifications.start(id, body.serverId(), body.payload(), principal.getName());
		return ResponseEntity.accepted()
			.location(URI.create("/api/verifications/" + run.id()))
			.body(Map.of("runId", run.id()));
	}

	@GetMapping("/api/devices/{id}/verifications")
	List<RunView> recent(@PathVariable UUID id) {
		return this.verifications.recent(id);
	}

	@GetMapping("/api/verifications/{runId}")
	RunView get(@PathVariable UUID runId) {
		return this.verifications.get(runId);
	}

	@GetMapping(path = "/api/verifications/{runId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable UUID runId) {
		SseEmitter emitter = new SseEmitter(VerificationController.STREAM_TIMEOUT.toMillis());
		this.verifications.stream(runId, emitter);
		return emitter;
	}

	/**
	 * @param payload the telemetry to post, a JSON object as text; default
	 * {"temperature":43}
	 */
	record StartRequest(UUID serverId, String payload) {
	}

}

package dev.keysmith.lifecycle;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.NotFoundException;
import dev.keysmith.verify.Depth;
import dev.keysmith.verify.RunView;
import dev.keysmith.verify.VerificationService;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Renewal, activation and revocation in the JSON API, and every kind of run (these and
 * verifications) at {@code /api/runs/{runId}} (the API tables in README.md).
 */
@RestController
class LifecycleApiController {

	private final LifecycleService lifecycle;

	private final VerificationService verifications;

	LifecycleApiController(LifecycleService lifecycle, VerificationService verifications) {
		this.lifecycle = lifecycle;
		this.verifications = verifications;
	}

	@PostMapping("/api/devices/{id}/renewal")
	ResponseEntity<Map<String, UUID>> renew(@PathVariable UUID id,
			@RequestBody(required = false) RenewalRequest request, Principal principal) {
		RenewalRequest body = (request != null) ? request : new RenewalRequest(null, null, null, null);
		LifecycleService.Started started = this.lifecycle.renew(id, Boolean.TRUE.equals(body.activate()),
				Boolean.TRUE.equals(body.keepKey()), body.validityDays(), depth(body.verify()), principal.getName());
		return accepted(started.runId(), Map.of("runId", started.runId(), "certificateId", started.certificateId()));
	}

	@PostMapping("/api/devices/{id}/certificates/{certificateId}/activation")
	ResponseEntity<Map<String, UUID>> activate(@PathVariable UUID id, @PathVariable UUID certificateId,
			@RequestBody(required = false) ActivationRequest request, Principal principal) {
		String verify = (request != null) ? request.verify() : null;
		LifecycleService.Started started = this.lifecycle.activate(id, certificateId, depth(verify),
				principal.getName());
		return accepted(started.runId(), Map.of("runId", started.runId()));
	}

	@PostMapping("/api/devices/{id}/revocation")
	ResponseEntity<Map<String, UUID>> revoke(@PathVariable UUID id,
			@RequestBody(required = false) RevocationRequest request, Principal principal) {
		RevocationRequest body = (request != null) ? request : new RevocationRequest(null, null, null);
		String confirmation = Boolean.TRUE.equals(body.destroyKey()) ? String.valueOf(body.confirm()) : null;
		LifecycleService.Started started = this.lifecycle.revoke(id, mode(body.mode()), confirmation,
				principal.getName());
		return accepted(started.runId(), Map.of("runId", started.runId()));
	}

	@GetMapping("/api/devices/{id}/runs")
	List<LifecycleView> recent(@PathVariable UUID id) {
		return this.lifecycle.recent(id);
	}

	/** Any run: a renewal, activation or revocation, or a verification. */
	@GetMapping("/api/runs/{runId}")
	Object get(@PathVariable UUID runId) {
		return this.lifecycle.find(runId)
			.<Object>map((run) -> run)
			.or(() -> this.verifications.find(runId).map(VerificationJson::new))
			.orElseThrow(() -> new NotFoundException("No run with id '" + runId + "'"));
	}

	@GetMapping(path = "/api/runs/{runId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable UUID runId) {
		SseEmitter emitter = new SseEmitter(LifecycleStreams.STREAM_TIMEOUT.toMillis());
		if (this.lifecycle.find(runId).isPresent()) {
			this.lifecycle.stream(runId, emitter);
		}
		else {
			this.verifications.stream(runId, emitter);
		}
		return emitter;
	}

	private static ResponseEntity<Map<String, UUID>> accepted(UUID runId, Map<String, UUID> body) {
		return ResponseEntity.accepted().location(URI.create("/api/runs/" + runId)).body(body);
	}

	static Depth depth(String verify) {
		if (verify == null || verify.isBlank()) {
			return Depth.LIGHT;
		}
		try {
			return Depth.valueOf(verify.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("verify", "verify is LIGHT or FULL, not '" + verify + "'");
		}
	}

	static RevocationMode mode(String mode) {
		if (mode == null || mode.isBlank()) {
			return null;
		}
		try {
			return RevocationMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("mode", "mode is ACCESS_TOKEN or DELETE_DEVICE, not '" + mode + "'");
		}
	}

	/**
	 * @param activate whether to activate it in the same run (default false: prepare
	 * only)
	 * @param keepKey whether the new certificate keeps the device's key (default false)
	 * @param verify LIGHT (default) or FULL, how far the proofs go
	 * @param validityDays the new certificate's validity (default 365)
	 */
	record RenewalRequest(Boolean activate, Boolean keepKey, String verify, Integer validityDays) {
	}

	record ActivationRequest(String verify) {
	}

	/**
	 * @param confirm the device's name, required when {@code destroyKey}
	 */
	record RevocationRequest(String mode, Boolean destroyKey, String confirm) {
	}

	/** A verification run as {@code /api/runs} shows it: its own shape, with its kind. */
	record VerificationJson(String kind, @JsonUnwrapped RunView run) {

		VerificationJson(RunView run) {
			this("VERIFICATION", run);
		}

	}

}

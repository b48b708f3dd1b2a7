package dev.keysmith.device;

import java.net.URI;
import java.security.Principal;
import java.util.Base64;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A device whose key is made in the operator's browser, in two steps (the API tables in
 * README.md). The same JSON under {@code /api} (HTTP Basic) and under {@code /devices}
 * for the New device page's script (its session and CSRF token).
 */
@RestController
class BrowserKeyController {

	private final BrowserKeys browserKeys;

	BrowserKeyController(BrowserKeys browserKeys) {
		this.browserKeys = browserKeys;
	}

	@PostMapping(path = { "/api/devices/browser-key", "/devices/browser-key" },
			consumes = MediaType.APPLICATION_JSON_VALUE)
	StartedJson start(@RequestBody StartRequest request, Principal principal) {
		PendingBrowserKeys.Pending pending = this.browserKeys.start(request.name(), request.validityDays(),
				request.publicKey(), principal.getName());
		return new StartedJson(pending.requestId(), Base64.getEncoder().encodeToString(pending.tbs()));
	}

	@PostMapping(path = { "/api/devices/browser-key/{requestId}", "/devices/browser-key/{requestId}" },
			consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<DeviceJson> finish(@PathVariable UUID requestId, @RequestBody FinishRequest request,
			Principal principal) {
		DeviceOutcome outcome = this.browserKeys.finish(requestId, request.signature(), principal.getName());
		return ResponseEntity.created(URI.create("/api/devices/" + outcome.device().getId()))
			.body(DeviceJson.of(outcome.device(), outcome.warnings().isEmpty() ? null : outcome.warnings()));
	}

	/**
	 * @param publicKey base64 of the SPKI DER of an EC P-256 public key
	 */
	record StartRequest(String name, Integer validityDays, String publicKey) {
	}

	/**
	 * @param requestId names this request in the second step
	 * @param tbs base64 of the DER TBSCertificate to sign with ECDSA and SHA-256
	 */
	record StartedJson(UUID requestId, String tbs) {
	}

	/**
	 * @param signature base64 of the DER ECDSA signature over the TBS
	 */
	record FinishRequest(String signature) {
	}

}

package dev.keysmith.expiry;

import java.security.Principal;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook's settings in the JSON API, for administrators (README.md, its API table).
 * The secret goes in, never out.
 */
@RestController
@RequestMapping("/api/admin/webhook")
class WebhookApiController {

	private final WebhookService webhooks;

	WebhookApiController(WebhookService webhooks) {
		this.webhooks = webhooks;
	}

	@GetMapping
	WebhookService.WebhookView get() {
		return this.webhooks.view();
	}

	@PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	WebhookService.WebhookView put(@RequestBody WebhookRequest request, Principal principal) {
		return this.webhooks.update(request.url(), request.secret(), Boolean.TRUE.equals(request.removeSecret()),
				principal.getName());
	}

	record WebhookRequest(String url, String secret, Boolean removeSecret) {
	}

}

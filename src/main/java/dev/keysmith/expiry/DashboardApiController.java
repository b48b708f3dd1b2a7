package dev.keysmith.expiry;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard's numbers in the JSON API (README.md, its API table). */
@RestController
class DashboardApiController {

	private final ExpiryService expiry;

	DashboardApiController(ExpiryService expiry) {
		this.expiry = expiry;
	}

	@GetMapping("/api/dashboard/expiry")
	ExpirySummary expiry() {
		return this.expiry.summary();
	}

}

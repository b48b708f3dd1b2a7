package dev.keysmith.expiry;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Keysmith's home page: the devices by the time their certificates have left. */
@Controller
class DashboardController {

	private static final String VIEW_DASHBOARD = "dashboard/index";

	private static final int RECENT_ENTRIES = 10;

	private final ExpiryService expiry;

	private final WebhookService webhooks;

	DashboardController(ExpiryService expiry, WebhookService webhooks) {
		this.expiry = expiry;
		this.webhooks = webhooks;
	}

	@GetMapping("/")
	String dashboard(Model model) {
		model.addAttribute("dashboard", DashboardView.of(this.expiry.summary()));
		model.addAttribute("recent", this.expiry.recentEntries(RECENT_ENTRIES).stream().map(RecentEntry::of).toList());
		model.addAttribute("webhook", this.webhooks.view());
		return VIEW_DASHBOARD;
	}

	/** A certificate that entered a window, as the dashboard lists it. */
	public record RecentEntry(UUID deviceId, String deviceName, String window, Instant notAfter, Instant enteredAt,
			boolean notified) {

		static RecentEntry of(ExpiryEntry entry) {
			return new RecentEntry(entry.getDeviceId(), entry.getDeviceName(), entry.getWindow().label(),
					entry.getNotAfter(), entry.getEnteredAt(), entry.getNotifiedAt() != null);
		}

	}

}

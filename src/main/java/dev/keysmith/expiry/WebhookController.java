package dev.keysmith.expiry;

import java.security.Principal;

import dev.keysmith.common.FormErrors;
import dev.keysmith.common.InvalidRequestException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The webhook's settings page: the URL, the secret (written, never shown: "set" or "not
 * set") and how the last delivery went.
 */
@Controller
class WebhookController {

	private static final String VIEW_WEBHOOK = "dashboard/webhook";

	private final WebhookService webhooks;

	WebhookController(WebhookService webhooks) {
		this.webhooks = webhooks;
	}

	@GetMapping("/settings/webhook")
	String show(Model model) {
		WebhookService.WebhookView view = this.webhooks.view();
		model.addAttribute("form", new WebhookForm(view.url(), null, false));
		return show(model, view);
	}

	@PostMapping("/settings/webhook")
	String update(@ModelAttribute("form") WebhookForm form, BindingResult binding, Principal principal, Model model,
			RedirectAttributes redirect) {
		try {
			WebhookService.WebhookView view = this.webhooks.update(form.url(), form.secret(), form.removeSecret(),
					principal.getName());
			redirect.addFlashAttribute("message",
					(view.url() != null)
							? "Webhook saved: notices go to " + view.url()
									+ (view.secretSet() ? ", signed." : ", unsigned.")
							: "Webhook removed: no notices are sent.");
			return "redirect:/settings/webhook";
		}
		catch (InvalidRequestException ex) {
			FormErrors.reject(binding, ex);
			// the secret typed is never sent back to the browser
			FormErrors.show(model, "form", new WebhookForm(form.url(), null, form.removeSecret()), binding);
			return show(model, this.webhooks.view());
		}
	}

	private String show(Model model, WebhookService.WebhookView view) {
		model.addAttribute("webhook", view);
		model.addAttribute("minSecret", WebhookService.MIN_SECRET_LENGTH);
		model.addAttribute("maxSecret", WebhookService.MAX_SECRET_LENGTH);
		return VIEW_WEBHOOK;
	}

	/** The settings form. */
	public record WebhookForm(String url, String secret, boolean removeSecret) {
	}

}

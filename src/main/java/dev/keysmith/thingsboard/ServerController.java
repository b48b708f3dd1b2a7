package dev.keysmith.thingsboard;

import dev.keysmith.thingsboard.client.ThingsBoardException;
import java.util.UUID;

import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The ThingsBoard server pages: list, add, edit, the DTLS server CA, delete. */
@Controller
class ServerController {

	private static final String VIEW_LIST = "servers/list";

	private static final String VIEW_FORM = "servers/form";

	private static final String VIEW_DETAIL = "servers/detail";

	private final ThingsBoardServerService servers;

	ServerController(ThingsBoardServerService servers) {
		this.servers = servers;
	}

	@GetMapping("/servers")
	String list(Model model) {
		model.addAttribute("servers", this.servers.list());
		return VIEW_LIST;
	}

	@GetMapping("/servers/new")
	String createForm(Model model) {
		return showForm(model, ServerForm.blank(), null, null);
	}

	@PostMapping("/servers")
	String create(@ModelAttribute ServerForm form, BindingResult binding, Model model, RedirectAttributes redirect) {
		if (binding.hasFieldErrors("coapPort")) {
			return showForm(model, form.withoutSecrets(), null, portError(binding));
		}
		try {
			ThingsBoardServer server = this.servers.create(form.toSettings());
			redirect.addFlashAttribute("message", "Server '" + server.getName() + "' added. Its password or API key is "
					+ "stored encrypted and will not be shown again.");
			return "redirect:/servers/" + server.getId();
		}
		catch (InvalidRequestException | ConflictException ex) {
			return showForm(model, form.withoutSecrets(), null, ex.getMessage());
		}
	}

	@GetMapping("/servers/{id}")
	String detail(@PathVariable UUID id, Model model) {
		ThingsBoardServer server = this.servers.get(id);
		model.addAttribute("server", server);
		model.addAttribute("serverCa", CaCertificates.Summary.of(server.getServerCaPem()));
		model.addAttribute("pendingCa", CaCertificates.Summary.of(server.getPendingCaPem()));
		return VIEW_DETAIL;
	}

	@GetMapping("/servers/{id}/edit")
	String editForm(@PathVariable UUID id, Model model) {
		ThingsBoardServer server = this.servers.get(id);
		return showForm(model, ServerForm.of(server), server, null);
	}

	@PostMapping("/servers/{id}")
	String update(@PathVariable UUID id, @ModelAttribute ServerForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (binding.hasFieldErrors("coapPort")) {
			return showForm(model, form.withoutSecrets(), this.servers.get(id), portError(binding));
		}
		try {
			this.servers.update(id, form.toSettings());
			redirect.addFlashAttribute("message", "Server settings saved.");
			return "redirect:/servers/" + id;
		}
		catch (InvalidRequestException | ConflictException ex) {
			return showForm(model, form.withoutSecrets(), this.servers.get(id), ex.getMessage());
		}
	}

	@PostMapping("/servers/{id}/ca")
	String proposeCa(@PathVariable UUID id, @RequestParam(name = "serverCaPem", required = false) String pem,
			RedirectAttributes redirect) {
		return caAction(id, redirect, () -> this.servers.proposeServerCa(id, pem),
				"Check the CA's subject and fingerprint below, then trust it.");
	}

	@PostMapping("/servers/{id}/ca/fetch")
	String fetchCa(@PathVariable UUID id, RedirectAttributes redirect) {
		return caAction(id, redirect, () -> this.servers.fetchServerCa(id),
				"CA downloaded from ThingsBoard. Check its subject and fingerprint below, then trust it.");
	}

	@PostMapping("/servers/{id}/ca/confirm")
	String confirmCa(@PathVariable UUID id, @RequestParam(name = "sha256Fingerprint", required = false) String fingerprint,
			RedirectAttributes redirect) {
		return caAction(id, redirect, () -> this.servers.confirmServerCa(id, fingerprint),
				"The server CA is trusted: verification runs check ThingsBoard's DTLS certificate against it.");
	}

	@PostMapping("/servers/{id}/ca/forget")
	String forgetCa(@PathVariable UUID id, RedirectAttributes redirect) {
		return caAction(id, redirect, () -> this.servers.forgetServerCa(id), "The server CA is no longer trusted.");
	}

	@PostMapping("/servers/{id}/delete")
	String delete(@PathVariable UUID id, RedirectAttributes redirect) {
		String name = this.servers.get(id).getName();
		this.servers.delete(id);
		redirect.addFlashAttribute("message", "Server '" + name + "' removed from Keysmith (nothing changed in ThingsBoard).");
		return "redirect:/servers";
	}

	private String caAction(UUID id, RedirectAttributes redirect, Runnable action, String success) {
		try {
			action.run();
			redirect.addFlashAttribute("message", success);
		}
		catch (InvalidRequestException | ThingsBoardException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/servers/" + id;
	}

	/** 5684.5 or "coap": refused, never truncated. */
	private static String portError(BindingResult binding) {
		return "The CoAP port must be a whole number between 1 and 65535, not '%s'"
			.formatted(binding.getFieldError("coapPort").getRejectedValue());
	}

	private String showForm(Model model, ServerForm form, ThingsBoardServer server, String error) {
		model.addAttribute("form", form);
		model.addAttribute("server", server);
		model.addAttribute("error", error);
		return VIEW_FORM;
	}

}

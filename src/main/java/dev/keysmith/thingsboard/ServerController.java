package dev.keysmith.thingsboard;

import java.util.Map;
import java.util.UUID;

import dev.keysmith.common.ConflictException;
import dev.keysmith.common.FormErrors;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.thingsboard.client.ThingsBoardException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
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

	@InitBinder("form")
	void wholeNumbers(WebDataBinder binder) {
		binder.setBindingErrorProcessor(FormErrors
			.wholeNumbers(Map.of("coapPort", "The CoAP port must be a whole number between 1 and 65535, not '%s'",
					"dtlsDatagramLimit", "The DTLS datagram limit must be a whole number of bytes, not '%s'")));
	}

	@GetMapping("/servers/new")
	String createForm(Model model) {
		model.addAttribute("form", ServerForm.blank());
		return VIEW_FORM;
	}

	@PostMapping("/servers")
	String create(@ModelAttribute("form") ServerForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (binding.hasErrors()) {
			return showForm(model, form, binding, null);
		}
		try {
			ThingsBoardServer server = this.servers.create(form.toSettings());
			redirect.addFlashAttribute("message", "Server '" + server.getName() + "' added. Its password or API key is "
					+ "stored encrypted and will not be shown again.");
			return "redirect:/servers/" + server.getId();
		}
		catch (InvalidRequestException | ConflictException ex) {
			FormErrors.reject(binding, ex);
			return showForm(model, form, binding, null);
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
		model.addAttribute("form", ServerForm.of(server));
		model.addAttribute("server", server);
		return VIEW_FORM;
	}

	@PostMapping("/servers/{id}")
	String update(@PathVariable UUID id, @ModelAttribute("form") ServerForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (binding.hasErrors()) {
			return showForm(model, form, binding, this.servers.get(id));
		}
		try {
			this.servers.update(id, form.toSettings());
			redirect.addFlashAttribute("message", "Server settings saved.");
			return "redirect:/servers/" + id;
		}
		catch (InvalidRequestException | ConflictException ex) {
			FormErrors.reject(binding, ex);
			return showForm(model, form, binding, this.servers.get(id));
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
	String confirmCa(@PathVariable UUID id,
			@RequestParam(name = "sha256Fingerprint", required = false) String fingerprint,
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
		redirect.addFlashAttribute("message",
				"Server '" + name + "' removed from Keysmith (nothing changed in ThingsBoard).");
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

	/** The form again with its refusals; secrets are never sent back to the browser. */
	private String showForm(Model model, ServerForm form, BindingResult binding, ThingsBoardServer server) {
		FormErrors.show(model, "form", form.withoutSecrets(), binding);
		model.addAttribute("server", server);
		return VIEW_FORM;
	}

}

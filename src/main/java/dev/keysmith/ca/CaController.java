package dev.keysmith.ca;

import java.io.IOException;
import java.security.Principal;
import java.util.UUID;

import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.pki.KeyType;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The CA pages: the list with the forms to make or import one, and a CA's detail. */
@Controller
class CaController {

	private final CaService cas;

	CaController(CaService cas) {
		this.cas = cas;
	}

	@GetMapping("/cas")
	String list(Model model) {
		model.addAttribute("cas",
				this.cas.list().stream().map((ca) -> CaJson.of(ca, this.cas.issuedCount(ca.getId()))).toList());
		return "cas/list";
	}

	@PostMapping("/cas")
	String create(@RequestParam(name = "name", required = false) String name,
			@RequestParam(name = "keyType", required = false) String keyType,
			@RequestParam(name = "validityDays", required = false) Integer validityDays, Principal principal,
			Model model) {
		try {
			DeviceCa ca = this.cas.create(name, KeyType.parseGeneratable(keyType), validityDays, principal.getName());
			return "redirect:/cas/" + ca.getId();
		}
		catch (InvalidRequestException | ConflictException ex) {
			model.addAttribute("error", ex.getMessage());
			return list(model);
		}
	}

	@PostMapping("/cas/import")
	String importCa(@RequestParam(name = "cert", required = false) MultipartFile cert,
			@RequestParam(name = "key", required = false) MultipartFile key,
			@RequestParam(name = "name", required = false) String name, Principal principal, Model model)
			throws IOException {
		try {
			if (cert == null || cert.isEmpty()) {
				throw new InvalidRequestException("cert", "Choose the CA certificate file");
			}
			byte[] keyBytes = (key != null && !key.isEmpty()) ? key.getBytes() : null;
			DeviceCa ca = this.cas.importCa(cert.getBytes(), keyBytes, name, principal.getName());
			return "redirect:/cas/" + ca.getId();
		}
		catch (InvalidRequestException | ConflictException ex) {
			model.addAttribute("error", ex.getMessage());
			return list(model);
		}
	}

	@GetMapping("/cas/{id}")
	String detail(@PathVariable UUID id, Model model) {
		model.addAttribute("ca", CaJson.of(this.cas.get(id), this.cas.issuedCount(id)));
		return "cas/detail";
	}

	@PostMapping("/cas/{id}/retire")
	String retire(@PathVariable UUID id, Principal principal, RedirectAttributes redirect) {
		try {
			this.cas.retire(id, principal.getName());
			redirect.addFlashAttribute("message", "The CA is retired: it issues no more device certificates.");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/cas/" + id;
	}

}

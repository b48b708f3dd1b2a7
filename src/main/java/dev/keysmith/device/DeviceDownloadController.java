package dev.keysmith.device;

import java.security.Principal;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The downloads of the device page. Files with the private key are POSTed
 * (CSRF-protected); a refusal comes back as a message on the device page.
 */
@Controller
class DeviceDownloadController {

	private final DeviceExports exports;

	DeviceDownloadController(DeviceExports exports) {
		this.exports = exports;
	}

	@GetMapping("/devices/{id}/cert.pem")
	ResponseEntity<byte[]> certificate(@PathVariable UUID id) {
		return this.exports.certificatePem(id).download();
	}

	@PostMapping("/devices/{id}/key.pem")
	Object privateKey(@PathVariable UUID id, Principal principal, RedirectAttributes redirect) {
		try {
			return this.exports.privateKeyPem(id, principal.getName()).download();
		}
		catch (SealedKeyRefusedException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/devices/" + id;
		}
	}

	@PostMapping("/devices/{id}/bundle.zip")
	Object bundle(@PathVariable UUID id, @RequestParam(name = "p12Password", required = false) String p12Password,
			Principal principal, RedirectAttributes redirect) {
		try {
			return this.exports.bundle(id, p12Password, principal.getName()).download();
		}
		catch (InvalidDeviceRequestException | NoPrivateKeyException | SealedKeyRefusedException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/devices/" + id;
		}
	}

}

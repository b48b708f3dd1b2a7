package dev.keysmith.device;

import java.security.Principal;
import java.util.UUID;

import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.KeyExportReason;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The downloads of the device page. Files with the private key are POSTed
 * (CSRF-protected) with the reason for the export; a refusal comes back as a message on
 * the device page.
 */
@Controller
class DeviceDownloadController {

	private final DeviceExports exports;

	private final DeviceCredentials credentials;

	DeviceDownloadController(DeviceExports exports, DeviceCredentials credentials) {
		this.exports = exports;
		this.credentials = credentials;
	}

	@GetMapping("/devices/{id}/cert.pem")
	ResponseEntity<byte[]> certificate(@PathVariable UUID id) {
		return this.exports.certificatePem(id).download();
	}

	@GetMapping("/devices/{id}/certificates/{certificateId}/cert.pem")
	ResponseEntity<byte[]> certificate(@PathVariable UUID id, @PathVariable UUID certificateId) {
		return this.exports.certificatePem(id, certificateId).download();
	}

	@PostMapping("/devices/{id}/certificates/{certificateId}/bundle.zip")
	Object bundle(@PathVariable UUID id, @PathVariable UUID certificateId,
			@RequestParam(name = KeyExportReason.FIELD, required = false) String reason, Principal principal,
			RedirectAttributes redirect) {
		try {
			return this.exports.bundle(id, certificateId, null, principal.getName(), reason).download();
		}
		catch (SealedKeyRefusedException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/devices/" + id;
		}
	}

	@PostMapping("/devices/{id}/certificates/{certificateId}/key-destruction")
	String destroyKey(@PathVariable UUID id, @PathVariable UUID certificateId,
			@RequestParam(name = "confirm", required = false) String confirm, Principal principal,
			RedirectAttributes redirect) {
		try {
			String done = this.credentials.destroyKey(id, certificateId, confirm, principal.getName());
			redirect.addFlashAttribute("message", Character.toUpperCase(done.charAt(0)) + done.substring(1) + ".");
		}
		catch (InvalidRequestException | ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/devices/" + id + "#certificates";
	}

	@PostMapping("/devices/{id}/key.pem")
	Object privateKey(@PathVariable UUID id,
			@RequestParam(name = KeyExportReason.FIELD, required = false) String reason, Principal principal,
			RedirectAttributes redirect) {
		try {
			return this.exports.privateKeyPem(id, principal.getName(), reason).download();
		}
		catch (SealedKeyRefusedException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/devices/" + id;
		}
	}

	@PostMapping("/devices/{id}/bundle.zip")
	Object bundle(@PathVariable UUID id, @RequestParam(name = "p12Password", required = false) String p12Password,
			@RequestParam(name = KeyExportReason.FIELD, required = false) String reason, Principal principal,
			RedirectAttributes redirect) {
		try {
			return this.exports.bundle(id, p12Password, principal.getName(), reason).download();
		}
		catch (InvalidDeviceRequestException | NoPrivateKeyException | SealedKeyRefusedException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/devices/" + id;
		}
	}

}

package dev.keysmith.preflight;

import java.util.UUID;

import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.thingsboard.client.ThingsBoardException;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The server page's "Take it from a DTLS handshake": back to the page, with the
 * certificate to confirm.
 */
@Controller
class HandshakeCaController {

	private final HandshakeCaService handshakeCa;

	HandshakeCaController(HandshakeCaService handshakeCa) {
		this.handshakeCa = handshakeCa;
	}

	@PostMapping("/servers/{id}/ca/from-handshake")
	String fromHandshake(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			this.handshakeCa.proposeFromHandshake(id);
			redirect.addFlashAttribute("message", "Certificate taken from a DTLS handshake with the server. Check its "
					+ "subject and fingerprint below against the certificate installed on ThingsBoard, then trust it.");
		}
		catch (InvalidRequestException | ThingsBoardException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/servers/" + id;
	}

}

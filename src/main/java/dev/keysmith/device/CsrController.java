package dev.keysmith.device;

import java.io.IOException;
import java.security.Principal;
import java.util.UUID;

import dev.keysmith.ca.CaService;
import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page for a device that keeps its key: upload its CSR, choose the CA, get its
 * certificate.
 */
@Controller
class CsrController {

	private final DeviceService devices;

	private final CaService cas;

	CsrController(DeviceService devices, CaService cas) {
		this.devices = devices;
		this.cas = cas;
	}

	@GetMapping("/devices/csr")
	String form(Model model) {
		model.addAttribute("cas", this.cas.issuing());
		return "devices/csr";
	}

	@PostMapping("/devices/csr")
	String issue(@RequestParam(name = "csr", required = false) MultipartFile csr,
			@RequestParam(name = "name", required = false) String name,
			@RequestParam(name = "caId", required = false) String caId,
			@RequestParam(name = "validityDays", required = false) Integer validityDays, Principal principal,
			Model model, RedirectAttributes redirect) throws IOException {
		try {
			if (csr == null || csr.isEmpty()) {
				throw new InvalidDeviceRequestException("csr", "Choose the CSR file the device made");
			}
			UUID ca = new DeviceForms.CreateForm(name, null, validityDays, caId).ca();
			DeviceOutcome outcome = this.devices.createFromCsr(csr.getBytes(), name, validityDays, ca,
					principal.getName());
			redirect.addFlashAttribute("message", "Device '" + outcome.device().getName()
					+ "' has its certificate, issued for its CSR: its private key stays on the device.");
			redirect.addFlashAttribute("warnings", outcome.warnings());
			return "redirect:/devices/" + outcome.device().getId();
		}
		catch (InvalidRequestException | ConflictException ex) {
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("name", name);
			return form(model);
		}
	}

}

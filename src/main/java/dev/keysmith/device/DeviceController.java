package dev.keysmith.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.ca.CaService;
import dev.keysmith.ca.DeviceCa;
import dev.keysmith.common.ConflictException;
import dev.keysmith.common.FormErrors;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.device.DeviceForms.CreateForm;
import dev.keysmith.device.DeviceForms.ImportForm;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.CredentialImporter;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PastedText;
import dev.keysmith.pki.PkiException;
import dev.keysmith.storage.StorageFailures;

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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The device pages. Every outcome is a page or a redirect with a flash message. */
@Controller
class DeviceController {

	private static final String VIEW_LIST = "devices/list";

	private static final String FRAGMENT_RESULTS = "devices/list :: results";

	private static final String VIEW_CREATE = "devices/create";

	private static final String VIEW_IMPORT = "devices/import";

	private static final String VIEW_DETAIL = "devices/detail";

	private static final String VIEW_DELETE = "devices/delete";

	private static final int PAGE_SIZE = 20;

	/** The import form's fields for the service's input names. */
	private static final Map<String, String> IMPORT_INPUTS = Map.of("cert", "certificateText", "key", "keyText");

	private final DeviceService devices;

	private final Clock clock;

	private final ServerNames serverNames;

	private final CaService cas;

	private final StorageFailures storage;

	DeviceController(DeviceService devices, CaService cas, StorageFailures storage, Clock clock,
			ServerNames serverNames) {
		this.devices = devices;
		this.storage = storage;
		this.cas = cas;
		this.clock = clock;
		this.serverNames = serverNames;
	}

	@GetMapping("/devices")
	String list(@RequestParam(name = "q", required = false) String q,
			@RequestParam(name = "expiresWithinDays", required = false) Integer expiresWithinDays,
			@RequestParam(name = "expiresAfterDays", required = false) Integer expiresAfterDays,
			@RequestParam(name = "serverId", required = false) UUID serverId,
			@RequestParam(name = "sort", required = false) String sort,
			@RequestParam(name = "page", defaultValue = "0") int page, Model model) {
		fillList(new ListParameters(q, expiresWithinDays, expiresAfterDays, serverId, sort, page), model);
		return VIEW_LIST;
	}

	@GetMapping(path = "/devices", headers = "HX-Request")
	String listResults(@RequestParam(name = "q", required = false) String q,
			@RequestParam(name = "expiresWithinDays", required = false) Integer expiresWithinDays,
			@RequestParam(name = "expiresAfterDays", required = false) Integer expiresAfterDays,
			@RequestParam(name = "serverId", required = false) UUID serverId,
			@RequestParam(name = "sort", required = false) String sort,
			@RequestParam(name = "page", defaultValue = "0") int page, Model model) {
		fillList(new ListParameters(q, expiresWithinDays, expiresAfterDays, serverId, sort, page), model);
		return FRAGMENT_RESULTS;
	}

	@InitBinder("form")
	void wholeNumbers(WebDataBinder binder) {
		binder.setBindingErrorProcessor(
				FormErrors.wholeNumbers(Map.of("validityDays", "Validity must be a whole number of days, not '%s'")));
	}

	@GetMapping("/devices/new")
	String createForm(Model model) {
		model.addAttribute("form", CreateForm.blank());
		return showCreate(model);
	}

	@PostMapping("/devices")
	String create(@ModelAttribute("form") CreateForm form, BindingResult binding, Principal principal, Model model,
			RedirectAttributes redirect) {
		if (binding.hasErrors()) {
			return showCreate(model, form, binding);
		}
		try {
			KeyType keyType = KeyType.parseGeneratable(form.keyType());
			DeviceOutcome outcome = this.devices.createWithWarnings(form.name(), keyType, form.validityDays(),
					form.ca(), principal.getName());
			redirect.addFlashAttribute("message", "Device '" + outcome.device().getName() + "' created with a new "
					+ keyType.label() + " key and certificate.");
			redirect.addFlashAttribute("warnings", outcome.warnings());
			return "redirect:/devices/" + outcome.device().getId();
		}
		catch (InvalidRequestException | ConflictException | PkiException ex) {
			FormErrors.reject(binding, ex);
			return showCreate(model, form, binding);
		}
	}

	@GetMapping("/devices/import")
	String importForm(Model model) {
		model.addAttribute("form", ImportForm.blank());
		return VIEW_IMPORT;
	}

	@PostMapping("/devices/import")
	String importDevice(@ModelAttribute("form") ImportForm form, BindingResult binding, Principal principal,
			Model model, RedirectAttributes redirect) throws IOException {
		try {
			ImportRequest request = new ImportRequest(either(form.certificateFile(), form.certificateText()),
					either(form.keyFile(), form.keyText()), form.name());
			DeviceOutcome outcome = this.devices.importDevice(request, principal.getName());
			redirect.addFlashAttribute("message", "Device '" + outcome.device().getName() + "' imported"
					+ (outcome.device().hasPrivateKey() ? " with its private key." : " (certificate only)."));
			redirect.addFlashAttribute("warnings", outcome.warnings());
			return "redirect:/devices/" + outcome.device().getId();
		}
		catch (InvalidRequestException | DeviceConflictException | PkiException ex) {
			FormErrors.reject(binding, ex, IMPORT_INPUTS);
			return showImport(model, form, binding);
		}
	}

	@GetMapping("/devices/{id}")
	String detail(@PathVariable UUID id, Model model) {
		Device device = this.devices.get(id);
		model.addAttribute("device", device);
		model.addAttribute("daysLeft", device.daysLeft(this.clock.instant()));
		model.addAttribute("expiryWarningDays", CredentialImporter.EXPIRY_WARNING.toDays());
		model.addAttribute("credentials", device.credentialHistory());
		model.addAttribute("audit", this.devices.auditTrail(id));
		model.addAttribute("minP12Password", dev.keysmith.pki.Pkcs12Codec.MIN_PASSWORD_LENGTH);
		return VIEW_DETAIL;
	}

	@GetMapping("/devices/{id}/delete")
	String confirmDelete(@PathVariable UUID id, Model model) {
		model.addAttribute("device", this.devices.get(id));
		return VIEW_DELETE;
	}

	@PostMapping("/devices/{id}/delete")
	String delete(@PathVariable UUID id, Principal principal, RedirectAttributes redirect) {
		String name = this.devices.get(id).getName();
		this.devices.delete(id, principal.getName());
		redirect.addFlashAttribute("message", "Device '" + name + "' deleted.");
		return "redirect:/devices";
	}

	private void fillList(ListParameters parameters, Model model) {
		DeviceQuery query = parameters.query();
		model.addAttribute("q", query.text());
		model.addAttribute("filter", parameters);
		model.addAttribute("servers", this.serverNames.byId());
		model.addAttribute("devices", this.devices.list(query, parameters.pageNumber(), PAGE_SIZE));
		model.addAttribute("now", this.clock.instant());
		model.addAttribute("expiryWarningDays", CredentialImporter.EXPIRY_WARNING.toDays());
	}

	private String showCreate(Model model) {
		model.addAttribute("keyTypes", KeyType.generatable());
		model.addAttribute("minDays", CertificateIssuer.MIN_VALIDITY_DAYS);
		model.addAttribute("maxDays", CertificateIssuer.MAX_VALIDITY_DAYS);
		model.addAttribute("cas", issuingCas());
		return VIEW_CREATE;
	}

	/**
	 * The CAs a new device may be issued by; none when the database cannot be read now,
	 * so that the form still offers a self-signed device (whose creation then says what
	 * is wrong).
	 */
	private List<DeviceCa> issuingCas() {
		try {
			return this.cas.issuing();
		}
		catch (RuntimeException ex) {
			if (this.storage.explain(ex).isEmpty()) {
				throw ex;
			}
			return List.of();
		}
	}

	private String showCreate(Model model, CreateForm form, BindingResult binding) {
		FormErrors.show(model, "form", form, binding);
		return showCreate(model);
	}

	private String showImport(Model model, ImportForm form, BindingResult binding) {
		// a file input cannot be refilled, and a pasted key is never sent back to the
		// browser, not even
		// one pasted into the certificate field
		String certificateText = PastedText.withoutPrivateKeys(form.certificateText());
		FormErrors.show(model, "form", new ImportForm(form.name(), certificateText, null, "", null), binding);
		return VIEW_IMPORT;
	}

	private static byte[] either(MultipartFile file, String text) throws IOException {
		if (file != null && !file.isEmpty()) {
			return file.getBytes();
		}
		return (text != null && !text.isBlank()) ? text.getBytes(StandardCharsets.UTF_8) : null;
	}

}

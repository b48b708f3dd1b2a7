package dev.keysmith.batch;

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.ca.CaService;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.Uploads;
import dev.keysmith.device.DeviceQuery;
import dev.keysmith.pki.KeyType;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.verify.Depth;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The batch pages: the list, the form, and the live page of one batch fed by Server-Sent
 * Events.
 */
@Controller
class BatchController {

	private static final String FRAGMENT_PROGRESS = "batches/fragments :: progress";

	/** The window the renewal form opens with. */
	private static final int DEFAULT_RENEWAL_DAYS = 30;

	private final BatchCreation creation;

	private final BatchService batches;

	private final ThingsBoardServerService servers;

	private final MatchingDevices matching;

	private final CaService cas;

	BatchController(BatchCreation creation, BatchService batches, ThingsBoardServerService servers,
			MatchingDevices matching, CaService cas) {
		this.cas = cas;
		this.creation = creation;
		this.batches = batches;
		this.servers = servers;
		this.matching = matching;
	}

	@GetMapping("/batches")
	String list(Model model) {
		model.addAttribute("batches", this.batches.list());
		return "batches/list";
	}

	/**
	 * @param deviceIds devices ticked on the device list
	 * @param all with {@code q}: every device matching the device list's search
	 */
	@GetMapping("/batches/new")
	String form(@RequestParam(name = "deviceIds", required = false) List<UUID> deviceIds,
			@RequestParam(name = "q", required = false) String query,
			@RequestParam(name = "all", defaultValue = "false") boolean all, Model model) {
		model.addAttribute("servers", this.servers.list());
		model.addAttribute("keyTypes", KeyType.generatable());
		model.addAttribute("deviceIds", all ? this.matching.ids(query) : (deviceIds != null) ? deviceIds : List.of());
		model.addAttribute("maxUpload", Uploads.describeBatch());
		model.addAttribute("cas", this.cas.issuing());
		return "batches/form";
	}

	/**
	 * The renewal form: every device whose certificate ends within the days given, on the
	 * server given or all; the count of those it would renew now.
	 */
	@GetMapping("/batches/renew")
	String renewForm(@RequestParam(name = "expiresWithinDays", required = false) String days,
			@RequestParam(name = "serverId", required = false) UUID serverId, Model model) {
		model.addAttribute("servers", this.servers.list());
		model.addAttribute("serverId", serverId);
		try {
			int within = (days == null || days.isBlank()) ? DEFAULT_RENEWAL_DAYS : Integer.parseInt(days.strip());
			model.addAttribute("expiresWithinDays", within);
			long count = this.matching.countExpiring(within, serverId);
			model.addAttribute("matching",
					(count == 1) ? "1 device would be renewed now." : count + " devices would be renewed now.");
		}
		catch (NumberFormatException | InvalidRequestException ex) {
			model.addAttribute("expiresWithinDays", days);
			model.addAttribute("matching", "Give a whole number of days from 0 to " + DeviceQuery.MAX_DAYS + ".");
		}
		return "batches/renew";
	}

	@PostMapping("/batches")
	String create(@RequestParam(name = "source", defaultValue = "PATTERN") String source,
			@RequestParam(name = "pattern", required = false) String pattern,
			@RequestParam(name = "start", required = false) Integer start,
			@RequestParam(name = "count", required = false) Integer count,
			@RequestParam(name = "deviceIds", required = false) List<UUID> deviceIds,
			@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(name = "keyType", required = false) KeyType keyType,
			@RequestParam(name = "validityDays", required = false) Integer validityDays,
			@RequestParam(name = "serverId", required = false) UUID serverId,
			@RequestParam(name = "stages", required = false) List<Stage> stages,
			@RequestParam(name = "verify", required = false) Depth verify,
			@RequestParam(name = "onExistingName", required = false) OnExistingName onExistingName,
			@RequestParam(name = "onExistingThingsBoardDevice",
					required = false) OnExistingThingsBoardDevice onExistingTb,
			@RequestParam(name = "concurrency", required = false) Integer concurrency,
			@RequestParam(name = "expiresWithinDays", required = false) Integer expiresWithinDays,
			@RequestParam(name = "activate", required = false) Boolean activate,
			@RequestParam(name = "keepKey", required = false) Boolean keepKey,
			@RequestParam(name = "caId", required = false) UUID caId,
			@RequestParam(name = "inOneGo", required = false) Boolean inOneGo,
			@RequestParam(name = "validRowsOnly", defaultValue = "false") boolean validRowsOnly, Principal principal,
			Model model) throws IOException {
		boolean csv = "CSV".equals(source);
		boolean expiring = "EXPIRING".equals(source);
		BatchRequest request = new BatchRequest(csv ? null : pattern, start, count,
				"DEVICES".equals(source) ? deviceIds : null, keyType, validityDays, serverId, null, stages, verify,
				onExistingName, onExistingTb, concurrency, expiring ? expiresWithinDays : null,
				expiring ? activate : null, expiring ? keepKey : null, expiring ? null : caId,
				expiring ? inOneGo : null);
		try {
			byte[] content = null;
			if (csv) {
				if (file == null || file.isEmpty()) {
					throw new InvalidRequestException("file", "Choose the CSV file");
				}
				content = file.getBytes();
			}
			BatchView batch = this.creation.create(request, content, validRowsOnly, principal.getName());
			return "redirect:/batches/" + batch.id();
		}
		catch (BatchRefusedException ex) {
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("rows", ex.rows());
		}
		catch (InvalidRequestException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		if (expiring) {
			return renewForm((expiresWithinDays != null) ? expiresWithinDays.toString() : null, serverId, model);
		}
		return form(deviceIds, null, false, model);
	}

	@GetMapping("/batches/{id}")
	String batch(@PathVariable UUID id, Model model) {
		model.addAttribute("page", BatchPage.of(this.batches.view(id), this.batches));
		return "batches/batch";
	}

	@GetMapping(path = "/batches/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable UUID id) {
		SseEmitter emitter = new SseEmitter(BatchStreams.STREAM_TIMEOUT.toMillis());
		this.batches.watch(id,
				new dev.keysmith.progress.SseWatcher<>(emitter,
						(event) -> SseEmitter.event()
							.name("batch")
							.data(new ModelAndView(FRAGMENT_PROGRESS,
									Map.of("page", BatchPage.of(event.batch(), this.batches), "oob", true))),
						(event) -> event instanceof BatchEvent.Finished));
		return emitter;
	}

	@PostMapping("/batches/{id}/{action:pause|resume|cancel|retry}")
	String steer(@PathVariable UUID id, @PathVariable String action,
			@RequestParam(name = "retryable", defaultValue = "false") boolean retryable, Principal principal,
			RedirectAttributes redirect) {
		try {
			switch (action) {
				case "pause" -> this.batches.pause(id, principal.getName());
				case "resume" -> this.batches.resume(id, principal.getName());
				case "cancel" -> this.batches.cancel(id, principal.getName());
				default -> this.batches.retry(id, retryable, principal.getName());
			}
		}
		catch (dev.keysmith.common.ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/batches/" + id;
	}

}

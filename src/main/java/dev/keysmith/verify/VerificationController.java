package dev.keysmith.verify;

import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.device.NoPrivateKeyException;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.work.BusyException;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The verification pages: the panel on the device page, the run page, and its live steps
 * as Server-Sent Events carrying HTML fragments that htmx swaps in place.
 */
@Controller
class VerificationController {

	private static final String VIEW_RUN = "verify/run";

	private static final String FRAGMENT_PANEL = "verify/panel :: panel";

	private static final String FRAGMENT_STEP = "verify/fragments :: step";

	private static final String FRAGMENT_VERDICT = "verify/fragments :: verdict";

	static final Duration STREAM_TIMEOUT = Duration.ofMinutes(5);

	private final VerificationService verifications;

	private final DeviceService devices;

	private final ThingsBoardServerService servers;

	VerificationController(VerificationService verifications, DeviceService devices, ThingsBoardServerService servers) {
		this.verifications = verifications;
		this.devices = devices;
		this.servers = servers;
	}

	@GetMapping("/devices/{id}/verifications")
	String panel(@PathVariable UUID id, Model model) {
		Device device = this.devices.get(id);
		model.addAttribute("device", device);
		model.addAttribute("servers", this.servers.list());
		model.addAttribute("runs", this.verifications.recent(id));
		model.addAttribute("defaultPayload", VerificationService.DEFAULT_PAYLOAD);
		return FRAGMENT_PANEL;
	}

	@PostMapping("/devices/{id}/verifications")
	String start(@PathVariable UUID id, @RequestParam(name = "serverId", required = false) UUID serverId,
			@RequestParam(name = "payload", required = false) String payload, Principal principal,
			RedirectAttributes redirect) {
		try {
			RunView run = this.verifications.start(id, serverId, payload, principal.getName());
			return "redirect:/verifications/" + run.id();
		}
		catch (InvalidRequestException | NoPrivateKeyException | BusyException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/devices/" + id;
		}
	}

	@GetMapping("/verifications/{runId}")
	String run(@PathVariable UUID runId, Model model) {
		model.addAttribute("run", this.verifications.get(runId));
		return VIEW_RUN;
	}

	/**
	 * The run's events: every step as it is, then each change, then the verdict and
	 * "done".
	 */
	@GetMapping(path = "/verifications/{runId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable UUID runId) {
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		this.verifications.watch(runId, RunStreams.watcher(emitter, VerificationController::html));
		return emitter;
	}

	private static SseEmitter.SseEventBuilder html(RunEvent event) {
		if (event instanceof RunEvent.StepChanged changed) {
			return SseEmitter.event()
				.name("step")
				.data(new ModelAndView(FRAGMENT_STEP, Map.of("step", changed.step(), "oob", true)));
		}
		RunView run = ((RunEvent.RunFinished) event).run();
		return SseEmitter.event()
			.name("result")
			.data(new ModelAndView(FRAGMENT_VERDICT, Map.of("run", run, "oob", true)));
	}

}

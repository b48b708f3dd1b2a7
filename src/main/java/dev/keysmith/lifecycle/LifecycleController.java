package dev.keysmith.lifecycle;

import java.security.Principal;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.NotFoundException;
import dev.keysmith.device.DeviceService;
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
 * The lifecycle pages: the panel on the device page (renew, activate, revoke, the runs so
 * far) and a run's page, whose steps arrive live as HTML fragments that htmx swaps in.
 */
@Controller
class LifecycleController {

	private static final String FRAGMENT_STEP = "verify/fragments :: step";

	private static final String FRAGMENT_VERDICT = "lifecycle/fragments :: verdict";

	private final LifecycleService lifecycle;

	private final DeviceService devices;

	LifecycleController(LifecycleService lifecycle, DeviceService devices) {
		this.lifecycle = lifecycle;
		this.devices = devices;
	}

	@GetMapping("/devices/{id}/lifecycle")
	String panel(@PathVariable UUID id, Model model) {
		model.addAttribute("device", this.devices.get(id));
		model.addAttribute("runs", this.lifecycle.recent(id));
		return "lifecycle/panel :: panel";
	}

	@PostMapping("/devices/{id}/renewal")
	String renew(@PathVariable UUID id, @RequestParam(name = "activate", defaultValue = "false") boolean activate,
			@RequestParam(name = "keepKey", defaultValue = "false") boolean keepKey,
			@RequestParam(name = "verify", required = false) String verify, Principal principal,
			RedirectAttributes redirect) {
		return started(id, redirect, () -> this.lifecycle.renew(id, activate, keepKey, null,
				LifecycleApiController.depth(verify), principal.getName()));
	}

	@PostMapping("/devices/{id}/certificates/{certificateId}/activation")
	String activate(@PathVariable UUID id, @PathVariable UUID certificateId,
			@RequestParam(name = "verify", required = false) String verify, Principal principal,
			RedirectAttributes redirect) {
		return started(id, redirect, () -> this.lifecycle.activate(id, certificateId,
				LifecycleApiController.depth(verify), principal.getName()));
	}

	@PostMapping("/devices/{id}/revocation")
	String revoke(@PathVariable UUID id, @RequestParam(name = "mode", required = false) String mode,
			@RequestParam(name = "destroyKey", defaultValue = "false") boolean destroyKey,
			@RequestParam(name = "confirm", required = false) String confirm, Principal principal,
			RedirectAttributes redirect) {
		return started(id, redirect, () -> this.lifecycle.revoke(id, LifecycleApiController.mode(mode),
				destroyKey ? String.valueOf(confirm) : null, principal.getName()));
	}

	@GetMapping("/runs/{runId}")
	String run(@PathVariable UUID runId, Model model) {
		model.addAttribute("run", this.lifecycle.get(runId));
		return "lifecycle/run";
	}

	@GetMapping(path = "/runs/{runId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable UUID runId) {
		SseEmitter emitter = new SseEmitter(LifecycleStreams.STREAM_TIMEOUT.toMillis());
		this.lifecycle.watch(runId, LifecycleStreams.watcher(emitter, LifecycleController::html));
		return emitter;
	}

	private static SseEmitter.SseEventBuilder html(LifecycleEvent event) {
		if (event instanceof LifecycleEvent.StepChanged changed) {
			return SseEmitter.event()
				.name("step")
				.data(new ModelAndView(FRAGMENT_STEP, Map.of("step", changed.step(), "oob", true)));
		}
		LifecycleView run = ((LifecycleEvent.RunFinished) event).run();
		return SseEmitter.event()
			.name("result")
			.data(new ModelAndView(FRAGMENT_VERDICT, Map.of("run", run, "oob", true)));
	}

	private static String started(UUID id, RedirectAttributes redirect,
			java.util.function.Supplier<LifecycleService.Started> start) {
		try {
			return "redirect:/runs/" + start.get().runId();
		}
		catch (InvalidRequestException | ConflictException | NotFoundException | BusyException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/devices/" + id;
		}
	}

}

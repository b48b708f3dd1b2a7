package dev.keysmith.push;

import java.security.Principal;
import java.util.UUID;

import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.thingsboard.ThingsBoardServer;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.thingsboard.client.ThingsBoardException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The ThingsBoard panel of the device page: where the device lives in ThingsBoard and the
 * push form. Loaded into the page by htmx; a push answers the panel again, with the
 * outcome.
 */
@Controller
class PushController {

	private static final String FRAGMENT_PANEL = "push/panel :: panel";

	private static final String FRAGMENT_PROFILES = "push/panel :: profiles";

	private final PushService push;

	private final DeviceService devices;

	private final ThingsBoardServerService servers;

	PushController(PushService push, DeviceService devices, ThingsBoardServerService servers) {
		this.push = push;
		this.devices = devices;
		this.servers = servers;
	}

	@GetMapping("/devices/{id}/thingsboard")
	String panel(@PathVariable UUID id, Model model) {
		fillPanel(id, model);
		return FRAGMENT_PANEL;
	}

	@PostMapping(path = "/devices/{id}/push", headers = "HX-Request")
	String pushFragment(@PathVariable UUID id, @RequestParam(name = "serverId", required = false) UUID serverId,
			@RequestParam(name = "deviceProfileId", required = false) String profileId, Principal principal,
			Model model) {
		try {
			PushResult result = doPush(id, serverId, profileId, principal);
			model.addAttribute("pushMessage", success(result));
			model.addAttribute("pushWarnings", result.warnings());
		}
		catch (PushException | InvalidRequestException | ConflictException ex) {
			model.addAttribute("pushError", ex.getMessage());
		}
		fillPanel(id, model);
		return FRAGMENT_PANEL;
	}

	@PostMapping("/devices/{id}/push")
	String push(@PathVariable UUID id, @RequestParam(name = "serverId", required = false) UUID serverId,
			@RequestParam(name = "deviceProfileId", required = false) String profileId, Principal principal,
			RedirectAttributes redirect) {
		try {
			PushResult result = doPush(id, serverId, profileId, principal);
			redirect.addFlashAttribute("message", success(result));
			redirect.addFlashAttribute("warnings", result.warnings());
		}
		catch (PushException | InvalidRequestException | ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/devices/" + id;
	}

	/**
	 * The device profiles of a server, as the options of the push form's profile list.
	 */
	@GetMapping(path = "/devices/push/profiles", headers = "HX-Request")
	String profiles(@RequestParam(name = "serverId", required = false) UUID serverId, Model model) {
		if (serverId != null) {
			ThingsBoardServer server = this.servers.get(serverId);
			try {
				model.addAttribute("profiles", this.servers.client(server).deviceProfiles());
				model.addAttribute("defaultProfileId", server.getDefaultProfileId());
			}
			catch (ThingsBoardException ex) {
				model.addAttribute("profilesError", ex.getMessage());
			}
		}
		return FRAGMENT_PROFILES;
	}

	private PushResult doPush(UUID id, UUID serverId, String profileId, Principal principal) {
		if (serverId == null) {
			throw new InvalidRequestException("serverId", "Choose the ThingsBoard server to push to");
		}
		return this.push.push(id, serverId, profileId, principal.getName());
	}

	private static String success(PushResult result) {
		return (result.created() ? "Device created in ThingsBoard" : "Credentials of the ThingsBoard device updated")
				+ " and proven: ThingsBoard's credentialsId " + result.credentialsId() + " matches this certificate.";
	}

	private void fillPanel(UUID id, Model model) {
		Device device = this.devices.get(id);
		java.util.List<ThingsBoardServer> all = this.servers.list();
		model.addAttribute("device", device);
		model.addAttribute("servers", all);
		device.placement().ifPresent((placement) -> {
			model.addAttribute("placement", placement);
			model.addAttribute("placementServer",
					all.stream().filter((s) -> s.getId().equals(placement.serverId())).findFirst().orElse(null));
		});
	}

}

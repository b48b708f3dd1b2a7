package dev.keysmith.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.keysmith.common.ConflictException;
import dev.keysmith.thingsboard.client.ThingsBoardException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Wait for the device" on the device page: a panel that looks again every few seconds
 * until ThingsBoard has seen the device or {@link #PAGE_WAIT} has passed.
 */
@Controller
class ActivityController {

	/** How long the device page keeps looking before it says what to check. */
	static final Duration PAGE_WAIT = Duration.ofMinutes(10);

	private final DeviceActivity activity;

	ActivityController(DeviceActivity activity) {
		this.activity = activity;
	}

	/**
	 * @param since when the page began waiting (epoch milliseconds), so that it stops
	 * after {@link #PAGE_WAIT}
	 */
	@GetMapping("/devices/{id}/activity")
	String panel(@PathVariable UUID id, @RequestParam(name = "since", required = false) Long since, Model model)
			throws InterruptedException {
		Instant began = (since != null) ? Instant.ofEpochMilli(since) : Instant.now();
		model.addAttribute("deviceId", id);
		model.addAttribute("since", began.toEpochMilli());
		try {
			DeviceActivity.Activity seen = this.activity.look(id, 0);
			model.addAttribute("activity", seen);
			model.addAttribute("waiting", !seen.seen() && Instant.now().isBefore(began.plus(PAGE_WAIT)));
		}
		catch (ConflictException | ThingsBoardException ex) {
			model.addAttribute("problem", ex.getMessage());
			model.addAttribute("waiting", false);
		}
		return "verify/activity :: panel";
	}

}

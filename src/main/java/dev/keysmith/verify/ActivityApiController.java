package dev.keysmith.verify;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** "Wait for the device" in the API: one look, or a wait of up to a minute. */
@RestController
class ActivityApiController {

	private final DeviceActivity activity;

	ActivityApiController(DeviceActivity activity) {
		this.activity = activity;
	}

	@GetMapping("/api/devices/{id}/activity")
	DeviceActivity.Activity activity(@PathVariable UUID id, @RequestParam(defaultValue = "0") int waitSeconds)
			throws InterruptedException {
		return this.activity.look(id, waitSeconds);
	}

}

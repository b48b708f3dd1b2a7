package dev.keysmith.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

	@GetMapping("/login")
	String login(@RequestParam(name = "throttled", required = false) String throttled, Model model) {
		// set by LoginFailureHandler; anything but a plain number of seconds is ignored
		if (throttled != null && throttled.matches("[0-9]{1,6}")) {
			model.addAttribute("retryAfterSeconds", Long.parseLong(throttled));
		}
		return "login";
	}

	@GetMapping("/")
	String home() {
		return "redirect:/devices";
	}

}

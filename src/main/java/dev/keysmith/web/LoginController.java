package dev.keysmith.web;

import dev.keysmith.storage.StorageFailures;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

	private final StorageFailures storage;

	LoginController(StorageFailures storage) {
		this.storage = storage;
	}

	/**
	 * The login form. After a failed login it says why: wrong credentials, too many
	 * failures, or (when the account could not be looked up at all) that Keysmith cannot
	 * check passwords right now.
	 */
	@GetMapping("/login")
	String login(@RequestParam(name = "throttled", required = false) String throttled, HttpServletRequest request,
			Model model) {
		// set by LoginFailureHandler; anything but a plain number of seconds is ignored
		if (throttled != null && throttled.matches("[0-9]{1,6}")) {
			model.addAttribute("retryAfterSeconds", Long.parseLong(throttled));
		}
		HttpSession session = request.getSession(false);
		Object failure = (session != null) ? session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) : null;
		if (request.getParameterMap().containsKey("error")
				&& failure instanceof InternalAuthenticationServiceException ex) {
			model.addAttribute("loginUnchecked", this.storage.explainLogin(ex));
		}
		return "login";
	}

}

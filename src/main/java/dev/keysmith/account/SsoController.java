package dev.keysmith.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The way into single sign-on: the login page's button, proving oneself again for a key
 * export, and the page that says why a sign-on was refused. The provider is checked
 * first, so that one that cannot be reached is said so in words.
 */
@Controller
class SsoController {

	static final String REFUSED = "/login/sso/refused";

	private static final String VIEW = "account/sso-refused";

	private static final String START = "redirect:/oauth2/authorization/" + SsoRegistrations.ID;

	private final SingleSignOn singleSignOn;

	SsoController(SingleSignOn singleSignOn) {
		this.singleSignOn = singleSignOn;
	}

	@GetMapping("/login/sso")
	String signIn(HttpServletResponse response, Model model) {
		return start(response, model);
	}

	@GetMapping("/account/confirm/sso")
	String confirm(@RequestParam(name = "next", required = false) String next, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		if (this.singleSignOn.isEnabled()) {
			SsoConfirm.begin(request, next);
		}
		return start(response, model);
	}

	@GetMapping(REFUSED)
	String refused(HttpSession session, Model model) {
		Object reason = session.getAttribute(SsoFailureHandler.REASON);
		session.removeAttribute(SsoFailureHandler.REASON);
		model.addAttribute("reason", (reason != null) ? reason : "The sign-on did not sign you in.");
		return VIEW;
	}

	private String start(HttpServletResponse response, Model model) {
		if (!this.singleSignOn.isEnabled()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Single sign-on is not configured");
		}
		try {
			this.singleSignOn.registrations().registration();
		}
		catch (SsoRegistrations.SsoUnavailableException ex) {
			model.addAttribute("reason", ex.getMessage());
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			return VIEW;
		}
		return START;
	}

}

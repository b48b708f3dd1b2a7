package dev.keysmith.account;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page of one's own second factor: enrol (scan the QR code, confirm with a code, note
 * the recovery codes, shown only on that answer), or switch it off with a current code.
 * The secret on offer waits in the session until it is confirmed.
 */
@Controller
class TotpController {

	private static final String VIEW = "account/totp";

	private static final String OFFERED = TotpController.class.getName() + ".offered";

	private final SecondFactors secondFactors;

	private final PasswordGuesses guesses;

	TotpController(SecondFactors secondFactors, PasswordGuesses guesses) {
		this.secondFactors = secondFactors;
		this.guesses = guesses;
	}

	@GetMapping(CustodianEnrolmentGate.ENROLMENT)
	String show(Principal principal, HttpSession session, Model model) {
		if (principal instanceof OAuth2AuthenticationToken) {
			model.addAttribute("singleSignOn", true);
			return VIEW;
		}
		if (this.secondFactors.isEnabled(principal.getName())) {
			model.addAttribute("enabled", true);
			return VIEW;
		}
		SecondFactors.Enrolment offered = this.secondFactors.newEnrolment(principal.getName());
		session.setAttribute(OFFERED, offered);
		model.addAttribute("enrolment", offered);
		return VIEW;
	}

	@PostMapping(CustodianEnrolmentGate.ENROLMENT)
	String enable(@RequestParam(name = "code", required = false) String code, Principal principal, HttpSession session,
			Model model) {
		if (principal instanceof OAuth2AuthenticationToken) {
			return "redirect:" + CustodianEnrolmentGate.ENROLMENT;
		}
		if (!(session.getAttribute(OFFERED) instanceof SecondFactors.Enrolment offered)) {
			return "redirect:" + CustodianEnrolmentGate.ENROLMENT;
		}
		Optional<List<String>> recoveryCodes = this.secondFactors.enable(principal.getName(), offered.secret(), code);
		if (recoveryCodes.isEmpty()) {
			model.addAttribute("enrolment", offered);
			model.addAttribute("codeError", "The code is not right for this secret: enter the 6 digits your "
					+ "authenticator app shows now for Keysmith");
			return VIEW;
		}
		session.removeAttribute(OFFERED);
		model.addAttribute("enabled", true);
		model.addAttribute("recoveryCodes", recoveryCodes.get());
		return VIEW;
	}

	@PostMapping(CustodianEnrolmentGate.ENROLMENT + "/disable")
	String disable(@RequestParam(name = "code", required = false) String code, Principal principal,
			HttpServletRequest request, RedirectAttributes redirect) {
		// a code given inside a session counts as the codes of a sign-in do: an open
		// session must not be a way to guess one
		String username = principal.getName();
		String address = request.getRemoteAddr();
		Optional<Duration> refused = this.guesses.refusedFor(username, address);
		if (refused.isPresent()) {
			redirect.addFlashAttribute("error", new TooManyWrongPasswordsException(refused.get()).getMessage() + ".");
		}
		else if (this.secondFactors.disable(username, code)) {
			redirect.addFlashAttribute("message", "The second factor is off for this account.");
		}
		else {
			this.guesses.wrong(username, address);
			redirect.addFlashAttribute("error", "The code is not right: the second factor stays on.");
		}
		return "redirect:" + CustodianEnrolmentGate.ENROLMENT;
	}

}

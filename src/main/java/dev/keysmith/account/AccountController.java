package dev.keysmith.account;

import java.security.Principal;
import java.time.Clock;

import dev.keysmith.common.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One's own account: its roles, a new password (the current one required), and the
 * password confirmation a private key export asks for when the session's sign-in is older
 * than a few minutes.
 */
@Controller
class AccountController {

	private final AccountService accounts;

	private final KeyExportPolicy exports;

	private final Clock clock;

	AccountController(AccountService accounts, KeyExportPolicy exports, Clock clock) {
		this.accounts = accounts;
		this.exports = exports;
		this.clock = clock;
	}

	@GetMapping("/account")
	String account(Principal principal, HttpServletRequest request, Model model) {
		model.addAttribute("account", this.accounts.get(principal.getName()));
		model.addAttribute("mustChange", PasswordChangeRequired.pending(request));
		return "account/index";
	}

	@PostMapping("/account/password")
	String changePassword(@RequestParam(name = "currentPassword", required = false) String currentPassword,
			@RequestParam(name = "newPassword", required = false) String newPassword,
			@RequestParam(name = "repeatPassword", required = false) String repeatPassword, Principal principal,
			HttpServletRequest request, RedirectAttributes redirect) {
		try {
			if (newPassword == null || !newPassword.equals(repeatPassword)) {
				throw new InvalidRequestException("repeatPassword", "is not the same as the new password");
			}
			this.accounts.changeOwnPassword(principal.getName(), currentPassword, newPassword, request.getRemoteAddr());
		}
		catch (InvalidRequestException | TooManyWrongPasswordsException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/account";
		}
		PasswordChangeRequired.done(request);
		StepUp.proven(request, this.clock.instant());
		redirect.addFlashAttribute("message", "Your password is changed.");
		return "redirect:/account";
	}

	@GetMapping("/account/confirm")
	String confirmForm(@RequestParam(name = "next", required = false) String next, Model model) {
		model.addAttribute("next", LocalPath.orRoot(next));
		model.addAttribute("minutes", this.exports.window().toMinutes());
		return "account/confirm";
	}

	/** The password again: the session may export private keys for a few minutes. */
	@PostMapping("/account/confirm")
	String confirm(@RequestParam(name = "password", required = false) String password,
			@RequestParam(name = "next", required = false) String next, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		String back = LocalPath.orRoot(next);
		String refusal;
		try {
			refusal = this.accounts.passwordMatches(principal.getName(), password, request.getRemoteAddr()) ? null
					: "That is not your password.";
		}
		catch (TooManyWrongPasswordsException ex) {
			refusal = ex.getMessage() + ".";
		}
		if (refusal != null) {
			redirect.addFlashAttribute("error", refusal);
			redirect.addAttribute("next", back);
			return "redirect:/account/confirm";
		}
		StepUp.proven(request, this.clock.instant());
		redirect.addFlashAttribute("message", "Confirmed: for the next " + this.exports.window().toMinutes()
				+ " minutes this session may export private keys. Ask for the download again.");
		return "redirect:" + back;
	}

}

package dev.keysmith.account;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.common.ConflictException;
import dev.keysmith.common.FormErrors;
import dev.keysmith.common.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The API tokens page of the signed-in account: make one (shown once, on the answer to
 * the form, never again), list them, revoke one.
 */
@Controller
class ApiTokenController {

	private static final String VIEW_TOKENS = "account/tokens";

	private final ApiTokens tokens;

	private final KeyExportPolicy exports;

	private final Clock clock;

	ApiTokenController(ApiTokens tokens, KeyExportPolicy exports, Clock clock) {
		this.tokens = tokens;
		this.exports = exports;
		this.clock = clock;
	}

	@InitBinder("form")
	void wholeNumbers(WebDataBinder binder) {
		binder.setBindingErrorProcessor(FormErrors
			.wholeNumbers(Map.of("expiresInDays", "A token expires in a whole number of days, not '%s'")));
	}

	@GetMapping("/account/tokens")
	String show(Principal principal, Model model) {
		model.addAttribute("form", new TokenForm(null, List.of(), ApiTokens.DEFAULT_DAYS));
		return page(principal, model);
	}

	@PostMapping("/account/tokens")
	String create(@ModelAttribute("form") TokenForm form, BindingResult binding, Principal principal,
			HttpServletRequest request, Model model) {
		// a token signs in to the API without the password again: it is made only by a
		// session that proved its owner a few minutes ago, as a key export is
		if (!StepUp.recent(request, this.clock.instant(), this.exports.window())) {
			return "redirect:/account/confirm?next=/account/tokens";
		}
		if (!binding.hasErrors()) {
			try {
				model.addAttribute("created",
						this.tokens.create(principal.getName(), form.name(), form.roles(), form.expiresInDays()));
				model.addAttribute("form", new TokenForm(null, List.of(), ApiTokens.DEFAULT_DAYS));
				return page(principal, model);
			}
			catch (InvalidRequestException | ConflictException ex) {
				FormErrors.reject(binding, ex);
			}
		}
		FormErrors.show(model, "form", form, binding);
		return page(principal, model);
	}

	@PostMapping("/account/tokens/{id}/revoke")
	String revoke(@PathVariable UUID id, Principal principal, RedirectAttributes redirect) {
		this.tokens.revoke(principal.getName(), id);
		redirect.addFlashAttribute("message", "Token revoked: requests with it are refused from now on.");
		return "redirect:/account/tokens";
	}

	private String page(Principal principal, Model model) {
		model.addAttribute("tokens", this.tokens.list(principal.getName()));
		model.addAttribute("roles", this.tokens.rolesOf(principal.getName()));
		model.addAttribute("minDays", ApiTokens.MIN_DAYS);
		model.addAttribute("maxDays", ApiTokens.MAX_DAYS);
		return VIEW_TOKENS;
	}

	/**
	 * The form for a new token; roles by name, none ticked meaning all of the account's.
	 */
	record TokenForm(String name, List<String> roles, Integer expiresInDays) {
	}

}

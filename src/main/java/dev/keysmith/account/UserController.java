package dev.keysmith.account;

import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Users page of administrators: the accounts, a new one, roles, disabling, resets.
 */
@Controller
class UserController {

	private final AccountService accounts;

	UserController(AccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/users")
	String list(Model model) {
		model.addAttribute("accounts", this.accounts.list());
		model.addAttribute("roles", Role.values());
		return "users/list";
	}

	@PostMapping("/users")
	String create(@RequestParam(name = "username", required = false) String username,
			@RequestParam(name = "password", required = false) String password,
			@RequestParam(name = "roles", required = false) List<String> roles, Principal principal,
			RedirectAttributes redirect) {
		try {
			this.accounts.create(username, password, UserApiController.roles(roles), principal.getName());
			redirect.addFlashAttribute("message", "Account '" + username
					+ "' created. Give its owner the password; they choose their own at the first sign-in.");
		}
		catch (InvalidRequestException | ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/users";
	}

	@PostMapping("/users/{username}")
	String update(@PathVariable String username, @RequestParam(name = "roles", required = false) List<String> roles,
			@RequestParam(name = "enabled", defaultValue = "false") boolean enabled, Principal principal,
			RedirectAttributes redirect) {
		try {
			Set<Role> chosen = (roles != null) ? UserApiController.roles(roles) : EnumSet.noneOf(Role.class);
			this.accounts.update(username, chosen, enabled, principal.getName());
			redirect.addFlashAttribute("message", "Account '" + username + "' saved.");
		}
		catch (InvalidRequestException | ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/users";
	}

	@PostMapping("/users/{username}/password")
	String resetPassword(@PathVariable String username,
			@RequestParam(name = "password", required = false) String password, Principal principal,
			RedirectAttributes redirect) {
		try {
			this.accounts.resetPassword(username, password, principal.getName());
			redirect.addFlashAttribute("message",
					"New password set for '" + username + "'; they choose their own at the next sign-in.");
		}
		catch (InvalidRequestException | ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/users";
	}

}

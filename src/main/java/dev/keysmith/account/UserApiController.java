package dev.keysmith.account;

import java.net.URI;
import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.keysmith.common.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The accounts, for administrators; and one's own password, for everyone. */
@RestController
class UserApiController {

	private final AccountService accounts;

	UserApiController(AccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/api/users")
	List<AccountView> list() {
		return this.accounts.list();
	}

	@GetMapping("/api/users/{username}")
	AccountView get(@PathVariable String username) {
		return this.accounts.get(username);
	}

	@PostMapping("/api/users")
	ResponseEntity<AccountView> create(@RequestBody(required = false) NewAccount request, Principal principal) {
		NewAccount given = (request != null) ? request : new NewAccount(null, null, null);
		AccountView created = this.accounts.create(given.username(), given.password(), roles(given.roles()),
				principal.getName());
		return ResponseEntity.created(URI.create("/api/users/" + created.username())).body(created);
	}

	@PutMapping("/api/users/{username}")
	AccountView update(@PathVariable String username, @RequestBody(required = false) AccountChange request,
			Principal principal) {
		if (request == null || (request.roles() == null && request.enabled() == null)) {
			throw new InvalidRequestException("roles", "Give the roles, or enabled, or both");
		}
		return this.accounts.update(username, (request.roles() != null) ? roles(request.roles()) : null,
				request.enabled(), principal.getName());
	}

	@PostMapping("/api/users/{username}/password")
	ResponseEntity<Void> resetPassword(@PathVariable String username,
			@RequestBody(required = false) NewPassword request, Principal principal) {
		this.accounts.resetPassword(username, (request != null) ? request.password() : null, principal.getName());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/account/password")
	ResponseEntity<Void> changeOwnPassword(@RequestBody(required = false) PasswordChange request, Principal principal,
			HttpServletRequest http) {
		if (principal instanceof ApiTokenAuthentication) {
			// a token scoped to less than its account must not become the whole account
			throw new ResponseStatusException(HttpStatus.FORBIDDEN,
					"An API token cannot change the account's password: sign in with the password itself");
		}
		PasswordChange given = (request != null) ? request : new PasswordChange(null, null);
		this.accounts.changeOwnPassword(principal.getName(), given.currentPassword(), given.newPassword(),
				http.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/account")
	AccountView me(Principal principal) {
		return this.accounts.get(principal.getName());
	}

	static Set<Role> roles(List<String> names) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (String name : (names != null) ? names : List.<String>of()) {
			roles.add(Role.named(name)
				.orElseThrow(() -> new InvalidRequestException("roles",
						"'" + name + "' is not a role: ADMIN, OPERATOR, CUSTODIAN or AUDITOR")));
		}
		return roles;
	}

	record NewAccount(String username, String password, List<String> roles) {
	}

	record AccountChange(List<String> roles, Boolean enabled) {
	}

	record NewPassword(String password) {
	}

	record PasswordChange(String currentPassword, String newPassword) {
	}

}

package dev.keysmith.account;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The signed-in account's own API tokens. Making one takes the account's password (HTTP
 * Basic): a token may list and revoke its owner's tokens but not make more, so that a
 * leaked token cannot mint itself successors.
 */
@RestController
@RequestMapping("/api/account/tokens")
class ApiTokenApiController {

	static final String TOKEN_CANNOT_CREATE = "An API token cannot make API tokens: "
			+ "sign in with the account's password (HTTP Basic) or use the API tokens page";

	private final ApiTokens tokens;

	ApiTokenApiController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@PostMapping
	ResponseEntity<CreatedTokenJson> create(@RequestBody TokenRequest request, Authentication authentication) {
		if (authentication instanceof ApiTokenAuthentication) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, TOKEN_CANNOT_CREATE);
		}
		ApiTokens.CreatedToken created = this.tokens.create(authentication.getName(), request.name(), request.roles(),
				request.expiresInDays());
		ApiTokens.TokenView view = created.view();
		return ResponseEntity.created(URI.create("/api/account/tokens/" + view.id()))
			.body(new CreatedTokenJson(view.id(), view.name(), view.roles(), view.createdAt(), view.expiresAt(),
					created.token()));
	}

	@GetMapping
	List<ApiTokens.TokenView> list(Authentication authentication) {
		return this.tokens.list(authentication.getName());
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@PathVariable UUID id, Authentication authentication) {
		this.tokens.revoke(authentication.getName(), id);
	}

	/**
	 * @param roles the token's roles, some or all of the account's; empty: all of them
	 * @param expiresInDays 1 to 365, 90 when not given
	 */
	record TokenRequest(String name, List<String> roles, Integer expiresInDays) {
	}

	/** The answer to a new token: the only time {@code token} is seen. */
	record CreatedTokenJson(UUID id, String name, Set<Role> roles, Instant createdAt, Instant expiresAt, String token) {
	}

}

package dev.keysmith.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.keysmith.audit.AuditLog;
import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.Names;
import dev.keysmith.common.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An account's personal API tokens: made (the token shown once), listed (never the token)
 * and revoked. A token's roles are some or all of its account's; it expires within a
 * year. Both events go to the audit log, without the token.
 */
@Service
public class ApiTokens {

	static final int MIN_DAYS = 1;

	static final int MAX_DAYS = 365;

	static final int DEFAULT_DAYS = 90;

	/** Live tokens one account may hold: enough for every script, not a flood. */
	static final int MAX_LIVE = 50;

	private final ApiTokenRepository tokens;

	private final UserAccountRepository accounts;

	private final AuditLog audit;

	private final Clock clock;

	private final TokenSecrets secrets = new TokenSecrets(new SecureRandom());

	ApiTokens(ApiTokenRepository tokens, UserAccountRepository accounts, AuditLog audit, Clock clock) {
		this.tokens = tokens;
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A new token of {@code username}'s.
	 * @param roles the token's scope, by name; empty or {@code null}: the account's roles
	 * @param expiresInDays 1 to 365; {@code null}: 90
	 */
	@Transactional
	public CreatedToken create(String username, String name, List<String> roles, Integer expiresInDays) {
		String nameProblem = Names.problem("A token name", name, ApiToken.NAME_LENGTH);
		if (nameProblem != null) {
			throw new InvalidRequestException("name", nameProblem);
		}
		int days = (expiresInDays != null) ? expiresInDays : DEFAULT_DAYS;
		if (days < MIN_DAYS || days > MAX_DAYS) {
			throw new InvalidRequestException("expiresInDays",
					"A token expires in %d to %d days, not %d".formatted(MIN_DAYS, MAX_DAYS, days));
		}
		UserAccount account = this.accounts.findById(username)
			.orElseThrow(() -> new NotFoundException("No account '%s' to hold tokens".formatted(username)));
		Set<Role> scope = scope(roles, account.getRoles());
		Instant now = this.clock.instant();
		if (this.tokens.countByUsernameAndRevokedAtIsNullAndExpiresAtAfter(username, now) >= MAX_LIVE) {
			throw new ConflictException(
					"This account holds %d live API tokens already: revoke one it no longer needs".formatted(MAX_LIVE));
		}
		UUID id = UUID.randomUUID();
		String token = this.secrets.newToken(id);
		ApiToken saved = this.tokens.save(new ApiToken(id, username, name.strip(), TokenSecrets.hash(token), scope, now,
				now.plus(Duration.ofDays(days))));
		this.audit.record(username, "API_TOKEN_CREATED", "api-token", id.toString(),
				"'%s', roles %s, expires %s".formatted(saved.getName(), Role.format(scope), saved.getExpiresAt()));
		return new CreatedToken(view(saved, now), token);
	}

	/** The roles an account holds now, which its tokens may have some or all of. */
	@Transactional(readOnly = true)
	public Set<Role> rolesOf(String username) {
		return this.accounts.findById(username).map(UserAccount::getRoles).orElse(Set.of());
	}

	/** The account's tokens that are not revoked, newest first; expired ones too. */
	@Transactional(readOnly = true)
	public List<TokenView> list(String username) {
		Instant now = this.clock.instant();
		return this.tokens.findByUsernameAndRevokedAtIsNullOrderByCreatedAtDesc(username)
			.stream()
			.map((token) -> view(token, now))
			.toList();
	}

	/** Revokes one of the account's own tokens (404 for any other). */
	@Transactional
	public void revoke(String username, UUID id) {
		ApiToken token = this.tokens.findByIdAndUsernameAndRevokedAtIsNull(id, username)
			.orElseThrow(() -> new NotFoundException("You have no API token " + id));
		token.revoke(this.clock.instant());
		this.audit.record(username, "API_TOKEN_REVOKED", "api-token", id.toString(), "'" + token.getName() + "'");
	}

	/**
	 * Revokes every token of the account not revoked yet, expired ones too (an
	 * administrator's password reset, or the first administrator's from
	 * {@code KEYSMITH_ADMIN_PASSWORD}); each revocation is audited as {@code actor}'s.
	 * @return how many were revoked
	 */
	@Transactional
	int revokeAll(String username, String actor, Instant at) {
		List<ApiToken> held = this.tokens.findByUsernameAndRevokedAtIsNullOrderByCreatedAtDesc(username);
		for (ApiToken token : held) {
			token.revoke(at);
			this.audit.record(actor, "API_TOKEN_REVOKED", "api-token", token.getId().toString(),
					"'" + token.getName() + "' of '" + username + "', by a password reset");
		}
		return held.size();
	}

	private static Set<Role> scope(List<String> names, Set<Role> held) {
		if (names == null || names.isEmpty()) {
			if (held.isEmpty()) {
				throw new InvalidRequestException("roles", "This account holds no role to give a token");
			}
			return held;
		}
		Set<Role> scope = EnumSet.noneOf(Role.class);
		for (String name : names) {
			Role role = Role.named(name)
				.orElseThrow(() -> new InvalidRequestException("roles",
						"Unknown role '%s': roles are %s".formatted(name, Role.format(EnumSet.allOf(Role.class)))));
			if (!held.contains(role)) {
				throw new InvalidRequestException("roles",
						"A token's roles must be your own; you do not hold %s (yours: %s)".formatted(role,
								Role.format(held)));
			}
			scope.add(role);
		}
		return scope;
	}

	private static TokenView view(ApiToken token, Instant now) {
		return new TokenView(token.getId(), token.getName(), token.getRoles(), token.getCreatedAt(),
				token.getExpiresAt(), token.isExpiredAt(now), token.getLastUsedAt());
	}

	/**
	 * A token as listed: never the token itself.
	 *
	 * @param lastUsedAt when it was last used, to the minute, or {@code null}
	 */
	public record TokenView(UUID id, String name, Set<Role> roles, Instant createdAt, Instant expiresAt,
			boolean expired, Instant lastUsedAt) {

	}

	/** A token just made, with the token: the one time it is seen. */
	public record CreatedToken(TokenView view, String token) {

	}

}

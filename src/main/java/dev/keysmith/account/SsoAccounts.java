package dev.keysmith.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The local account record of each single sign-on identity (issuer and subject), so that
 * the audit log, API tokens and the users list know them: made at the first sign-on,
 * named after {@code preferred_username} (or the subject), its roles refreshed at every
 * sign-on. It has no password: its hash is {@link #NO_PASSWORD}, which the password check
 * refuses. A name taken by another account is refused, never taken over.
 */
@Component
class SsoAccounts {

	/** The password hash of an account that signs in only by single sign-on. */
	static final String NO_PASSWORD = "{sso}no password: signs in by single sign-on";

	private final UserAccountRepository accounts;

	private final JdbcClient jdbc;

	private final Clock clock;

	SsoAccounts(UserAccountRepository accounts, JdbcClient jdbc, Clock clock) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The account of this identity, made or updated with these roles; a refusal says why
	 * in words.
	 */
	@Transactional
	UserAccount signIn(String issuer, String subject, String preferredName, Set<Role> roles) {
		Instant now = this.clock.instant();
		Optional<String> linked = this.jdbc.sql("SELECT username FROM account_sso WHERE issuer = ? AND subject = ?")
			.params(issuer, subject)
			.query(String.class)
			.optional();
		if (linked.isPresent()) {
			UserAccount account = this.accounts.findById(linked.get())
				.orElseThrow(() -> new SsoRefusedException("The Keysmith account of this identity is gone"));
			if (!account.isEnabled()) {
				throw new SsoRefusedException("The Keysmith account '" + account.getUsername() + "' is disabled");
			}
			account.changeRoles(roles);
			this.jdbc.sql("UPDATE account_sso SET last_login_at = ? WHERE username = ?")
				.params(Timestamp.from(now), account.getUsername())
				.update();
			return this.accounts.save(account);
		}
		String username = (preferredName != null && !preferredName.isBlank()) ? preferredName.strip() : subject;
		if (username.length() > 255 || username.chars().anyMatch(Character::isISOControl)) {
			throw new SsoRefusedException("The identity's name cannot be a Keysmith account name");
		}
		if (this.accounts.existsById(username)) {
			throw new SsoRefusedException("A Keysmith account named '" + username
					+ "' exists already and is not this single sign-on identity; an administrator must rename one");
		}
		UserAccount account = this.accounts.saveAndFlush(new UserAccount(username, NO_PASSWORD, roles, now));
		this.jdbc.sql("INSERT INTO account_sso (username, issuer, subject, last_login_at) VALUES (?, ?, ?, ?)")
			.params(username, issuer, subject, Timestamp.from(now))
			.update();
		return account;
	}

	/** A sign-on Keysmith does not accept; the message is for the person signing in. */
	static final class SsoRefusedException extends RuntimeException {

		SsoRefusedException(String message) {
			super(message);
		}

	}

}

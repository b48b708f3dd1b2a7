package dev.keysmith.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.keysmith.audit.AuditLog;
import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.NotFoundException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The accounts: created, changed, disabled and given new passwords by an administrator;
 * each owner changes their own password with the old one. Every change is in the audit
 * log, without the password. The last enabled administrator cannot be disabled or lose
 * the role, so that someone can always manage the accounts.
 */
@Service
public class AccountService {

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,63}");

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwords;

	private final AuditLog audit;

	private final ApiTokens tokens;

	private final PasswordGuesses guesses;

	private final Clock clock;

	AccountService(UserAccountRepository accounts, PasswordEncoder passwords, AuditLog audit, ApiTokens tokens,
			PasswordGuesses guesses, Clock clock) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.audit = audit;
		this.tokens = tokens;
		this.guesses = guesses;
		this.clock = clock;
	}

	public List<AccountView> list() {
		return this.accounts.findAllByOrderByUsernameAsc().stream().map(AccountView::of).toList();
	}

	public AccountView get(String username) {
		return AccountView.of(find(username));
	}

	/** The account as it is now, if there is one by that name. */
	public Optional<AccountView> current(String username) {
		return this.accounts.findById((username != null) ? username : "").map(AccountView::of);
	}

	/**
	 * A new account; its first password was chosen by an administrator, so its owner must
	 * change it at the first sign-in.
	 */
	@Transactional
	public AccountView create(String username, String password, Set<Role> roles, String actor) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new InvalidRequestException("username",
					"The account's name must be 2 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
		}
		requireRoles(roles);
		requireGood(username, password, "password", "The password");
		if (this.accounts.existsById(username) || this.accounts.existsByUsernameIgnoreCase(username)) {
			throw new ConflictException("An account named '" + username + "' exists already");
		}
		UserAccount account = new UserAccount(username, this.passwords.encode(password), roles, this.clock.instant());
		account.changePasswordHash(account.getPasswordHash(), false, this.clock.instant());
		try {
			this.accounts.saveAndFlush(account);
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("An account named '" + username + "' exists already");
		}
		this.audit.record(actor, "ACCOUNT_CREATED", "account", username, "roles " + Role.format(roles));
		return AccountView.of(account);
	}

	/**
	 * Changes an account's roles, or enables or disables it ({@code null}: unchanged).
	 */
	@Transactional
	public AccountView update(String username, Set<Role> roles, Boolean enabled, String actor) {
		UserAccount account = find(username);
		Set<Role> before = account.getRoles();
		boolean wasEnabled = account.isEnabled();
		if (roles != null) {
			requireRoles(roles);
			account.changeRoles(roles);
		}
		if (enabled != null) {
			account.changeEnabled(enabled);
		}
		if (before.contains(Role.ADMIN) && wasEnabled
				&& (!account.isEnabled() || !account.getRoles().contains(Role.ADMIN))
				&& otherAdministrators(username) == 0) {
			throw new ConflictException("'" + username + "' is the last enabled administrator: make another one first");
		}
		this.accounts.save(account);
		StringBuilder detail = new StringBuilder();
		if (!before.equals(account.getRoles())) {
			detail.append("roles ").append(Role.format(before)).append(" → ").append(Role.format(account.getRoles()));
		}
		if (wasEnabled != account.isEnabled()) {
			detail.append(detail.isEmpty() ? "" : "; ").append(account.isEnabled() ? "enabled" : "disabled");
		}
		if (!detail.isEmpty()) {
			this.audit.record(actor, "ACCOUNT_CHANGED", "account", username, detail.toString());
		}
		return AccountView.of(account);
	}

	/**
	 * An administrator sets a new password, which its owner must change at the next
	 * sign-in. The account's API tokens are revoked with the old password: a reset is
	 * what an administrator does when the account may be in someone else's hands, and a
	 * token made by that someone would outlive the new password.
	 */
	@Transactional
	public void resetPassword(String username, String password, String actor) {
		UserAccount account = find(username);
		if (account.isSingleSignOn()) {
			throw new ConflictException("'" + username + "' signs in by single sign-on: it has no password to set");
		}
		requireGood(username, password, "password", "The new password");
		Instant now = this.clock.instant();
		account.changePasswordHash(this.passwords.encode(password), false, now);
		this.accounts.save(account);
		int revoked = this.tokens.revokeAll(username, actor, now);
		this.audit.record(actor, "PASSWORD_RESET", "account", username, "to be changed at the next sign-in"
				+ ((revoked > 0) ? "; its %d API token(s) revoked".formatted(revoked) : ""));
	}

	/**
	 * The owner changes their own password, giving the current one from {@code address}:
	 * a wrong one counts as a failed sign-in. (Every refusal comes before any change, so
	 * the audit record of a wrong password stays.)
	 */
	@Transactional(noRollbackFor = InvalidRequestException.class)
	public void changeOwnPassword(String username, String currentPassword, String newPassword, String address) {
		UserAccount account = find(username);
		if (account.isSingleSignOn()) {
			throw new InvalidRequestException("currentPassword",
					"This account signs in by single sign-on: its password is kept by the identity provider");
		}
		if (!isOwnPassword(account, currentPassword, address, "to change it")) {
			throw new InvalidRequestException("currentPassword", "The current password is not right");
		}
		if (currentPassword.equals(newPassword)) {
			throw new InvalidRequestException("newPassword", "The new password must differ from the current one");
		}
		requireGood(username, newPassword, "newPassword", "The new password");
		account.changePasswordHash(this.passwords.encode(newPassword), true, this.clock.instant());
		this.accounts.save(account);
		this.audit.record(username, "PASSWORD_CHANGED", "account", username, "by its owner");
	}

	/**
	 * Whether the password is the account's own: a browser session's confirmation from
	 * {@code address}, counted as a sign-in is.
	 */
	public boolean passwordMatches(String username, String password, String address) {
		return this.accounts.findById(username)
			.filter((account) -> account.isEnabled() && !account.isSingleSignOn())
			.map((account) -> isOwnPassword(account, password, address, "to confirm the session"))
			.orElse(false);
	}

	/**
	 * Checks a password given inside a session as the sign-in throttle checks one:
	 * refused while the account and address are refused, a wrong one counted and audited.
	 */
	private boolean isOwnPassword(UserAccount account, String password, String address, String purpose) {
		String username = account.getUsername();
		Optional<Duration> refused = this.guesses.refusedFor(username, address);
		if (refused.isPresent()) {
			throw new TooManyWrongPasswordsException(refused.get());
		}
		if (password != null && this.passwords.matches(password, account.getPasswordHash())) {
			return true;
		}
		this.guesses.wrong(username, address);
		this.audit.record(username, "PASSWORD_CHECK_FAILED", "account", username,
				"a wrong password " + purpose + ", from " + address);
		return false;
	}

	private long otherAdministrators(String username) {
		return this.accounts.findAll()
			.stream()
			.filter((other) -> !other.getUsername().equals(username) && other.isEnabled()
					&& other.getRoles().contains(Role.ADMIN))
			.count();
	}

	private UserAccount find(String username) {
		return this.accounts.findById((username != null) ? username : "")
			.orElseThrow(() -> new NotFoundException("No account named '" + username + "'"));
	}

	private static void requireRoles(Set<Role> roles) {
		if (roles == null || roles.isEmpty()) {
			throw new InvalidRequestException("roles",
					"Give the account at least one role: " + Role.format(EnumSet.allOf(Role.class)));
		}
	}

	private static void requireGood(String username, String password, String field, String subject) {
		PasswordPolicy.problem(username, password).ifPresent((problem) -> {
			throw new InvalidRequestException(field, subject + " " + problem);
		});
	}

}

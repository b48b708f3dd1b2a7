package dev.keysmith.account;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A Keysmith login: a name, the hash of its password (never the password), its roles, and
 * whether it may sign in at all.
 */
@Entity
@Table(name = "app_user")
class UserAccount {

	@Id
	private String username;

	private String passwordHash;

	private Instant createdAt;

	private String roles;

	private boolean enabled;

	private boolean mustChangePassword;

	private Instant passwordChangedAt;

	protected UserAccount() {
	}

	UserAccount(String username, String passwordHash, Set<Role> roles, Instant createdAt) {
		this.username = username;
		this.passwordHash = passwordHash;
		this.roles = Role.format(roles);
		this.enabled = true;
		this.createdAt = createdAt;
		this.passwordChangedAt = createdAt;
	}

	String getUsername() {
		return this.username;
	}

	String getPasswordHash() {
		return this.passwordHash;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getPasswordChangedAt() {
		return this.passwordChangedAt;
	}

	Set<Role> getRoles() {
		Set<Role> parsed = Role.parse(this.roles);
		return parsed.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(parsed));
	}

	boolean isEnabled() {
		return this.enabled;
	}

	/** Whether it signs in only by single sign-on, having no password at all. */
	boolean isSingleSignOn() {
		return SsoAccounts.NO_PASSWORD.equals(this.passwordHash);
	}

	boolean isMustChangePassword() {
		return this.mustChangePassword;
	}

	/**
	 * A new password. One set by someone else (an administrator's reset, a generated
	 * first password) must be changed by the account's owner at the next sign-in.
	 */
	void changePasswordHash(String passwordHash, boolean byOwner, Instant at) {
		this.passwordHash = passwordHash;
		this.mustChangePassword = !byOwner;
		this.passwordChangedAt = at;
	}

	void changeRoles(Set<Role> roles) {
		this.roles = Role.format(roles);
	}

	void changeEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}

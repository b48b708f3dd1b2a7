package dev.keysmith.account;

import java.time.Instant;
import java.util.Set;

/**
 * An account as shown: never its password's hash.
 *
 * @param username its name
 * @param roles what it may do
 * @param enabled whether it may sign in
 * @param mustChangePassword whether its password was set by someone else and must be
 * changed at the next sign-in
 * @param createdAt when it was created
 * @param passwordChangedAt when its password was last set
 */
public record AccountView(String username, Set<Role> roles, boolean enabled, boolean mustChangePassword,
		Instant createdAt, Instant passwordChangedAt) {

	static AccountView of(UserAccount account) {
		return new AccountView(account.getUsername(), account.getRoles(), account.isEnabled(),
				account.isMustChangePassword(), account.getCreatedAt(), account.getPasswordChangedAt());
	}

	public boolean has(Role role) {
		return this.roles.contains(role);
	}

}

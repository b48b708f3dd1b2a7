package dev.keysmith.account;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * An account as the password check found it, with what the sign-in must know next:
 * whether the password was set by someone else and must be changed first. Carried with
 * the sign-in so that finishing it needs no second read of the database (which may have
 * stopped answering in between, on a full disk).
 */
public final class AccountPrincipal extends User {

	private static final long serialVersionUID = 1L;

	private final boolean mustChangePassword;

	AccountPrincipal(UserAccount account, Collection<? extends GrantedAuthority> authorities) {
		super(account.getUsername(), account.getPasswordHash(), account.isEnabled(), true, true, true, authorities);
		this.mustChangePassword = account.isMustChangePassword();
	}

	public boolean mustChangePassword() {
		return this.mustChangePassword;
	}

}

package dev.keysmith.web;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The accounts, for the password check: not a bean, it is used only behind the login
 * throttle.
 */
class AccountUserDetailsService implements UserDetailsService {

	private final UserAccountRepository accounts;

	AccountUserDetailsService(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.accounts.findById(username)
			.map((account) -> User.withUsername(account.getUsername())
				.password(account.getPasswordHash())
				.roles("ADMIN")
				.build())
			.orElseThrow(() -> new UsernameNotFoundException("No such account"));
	}

}

package dev.keysmith.web;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
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

package dev.keysmith.account;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The accounts, for the password check: a disabled account is refused, and an account is
 * granted its roles. The security configuration uses it only behind the login throttle.
 */
public class AccountUserDetailsService implements UserDetailsService {

	private final UserAccountRepository accounts;

	public AccountUserDetailsService(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.accounts.findById(username)
			// an account of single sign-on has no password to check
			.filter((account) -> !SsoAccounts.NO_PASSWORD.equals(account.getPasswordHash()))
			.map((account) -> new AccountPrincipal(account,
					AuthorityUtils.createAuthorityList(account.getRoles().stream().map(Role::authority).toList())))
			.orElseThrow(() -> new UsernameNotFoundException("No such account"));
	}

}

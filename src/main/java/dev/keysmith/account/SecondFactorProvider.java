package dev.keysmith.account;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.Authentication;

/**
 * The password check, then: an account with the second factor on is not signed in yet but
 * asked for its code ({@link SecondFactorRequiredException}).
 */
final class SecondFactorProvider implements AuthenticationProvider {

	private final AuthenticationProvider passwords;

	private final SecondFactors secondFactors;

	SecondFactorProvider(AuthenticationProvider passwords, SecondFactors secondFactors) {
		this.passwords = passwords;
		this.secondFactors = secondFactors;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Authentication authenticated = this.passwords.authenticate(authentication);
		if (authenticated != null && secondFactorOn(authenticated.getName())) {
			throw new SecondFactorRequiredException(authenticated.getName());
		}
		return authenticated;
	}

	/**
	 * Whether the account has the second factor on. A database that stops answering here,
	 * after the password was read, is told as it is at the password check ("cannot check
	 * passwords"), not as an error page.
	 */
	private boolean secondFactorOn(String username) {
		try {
			return this.secondFactors.isEnabled(username);
		}
		catch (DataAccessException ex) {
			throw new InternalAuthenticationServiceException(ex.getMessage(), ex);
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.passwords.supports(authentication);
	}

}

package dev.keysmith.account;

import org.springframework.security.authentication.AuthenticationProvider;
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
		if (authenticated != null && this.secondFactors.isEnabled(authenticated.getName())) {
			throw new SecondFactorRequiredException(authenticated.getName());
		}
		return authenticated;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.passwords.supports(authentication);
	}

}

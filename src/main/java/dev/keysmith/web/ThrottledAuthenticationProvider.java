package dev.keysmith.web;

import java.time.Duration;

import dev.keysmith.web.LoginThrottle.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every password check, from the login form and from HTTP Basic alike, passes here: a
 * pair of account and client address that failed too often is refused before its password
 * is looked at, and every failed sign-in is logged with the account and the address,
 * never the password.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private static final Logger log = LoggerFactory.getLogger(ThrottledAuthenticationProvider.class);

	private final AuthenticationProvider accounts;

	private final LoginThrottle throttle;

	ThrottledAuthenticationProvider(AuthenticationProvider accounts, LoginThrottle throttle) {
		this.accounts = accounts;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName();
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : null;
		String who = "'" + LogText.printable(username) + "' from " + LogText.printable(address);
		Refusal refusal = this.throttle.refusal(username, address).orElse(null);
		if (refusal != null) {
			if (refusal.first()) {
				log.warn(
						"Refused sign-in for {}: too many failed sign-ins, try again in {} s "
								+ "(further refusals of this pair are logged at DEBUG)",
						who, refusal.retryAfterSeconds());
			}
			else {
				log.debug("Refused sign-in for {}: try again in {} s", who, refusal.retryAfterSeconds());
			}
			throw new LoginThrottledException(refusal.retryAfterSeconds());
		}
		Authentication authenticated;
		try {
			authenticated = this.accounts.authenticate(authentication);
		}
		catch (BadCredentialsException ex) {
			Duration refused = this.throttle.failed(username, address);
			if (refused.isZero()) {
				log.warn("Failed sign-in for {}", who);
			}
			else {
				log.warn("Failed sign-in for {}: too many failed sign-ins, refused for {} s", who, refused.toSeconds());
			}
			throw ex;
		}
		if (authenticated != null) {
			this.throttle.succeeded(username, address);
		}
		return authenticated;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.accounts.supports(authentication);
	}

}

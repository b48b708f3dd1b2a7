package dev.keysmith.account;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A user signed in by single sign-on, named by its Keysmith account and holding the roles
 * its claim granted.
 */
final class SsoUser extends DefaultOidcUser {

	private static final long serialVersionUID = 1L;

	private final String username;

	SsoUser(String username, Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken,
			OidcUserInfo userInfo) {
		super(authorities, idToken, userInfo, "sub");
		this.username = username;
	}

	@Override
	public String getName() {
		return this.username;
	}

	@Override
	public boolean equals(Object other) {
		return super.equals(other) && this.username.equals(((SsoUser) other).username);
	}

	@Override
	public int hashCode() {
		return super.hashCode() * 31 + this.username.hashCode();
	}

}

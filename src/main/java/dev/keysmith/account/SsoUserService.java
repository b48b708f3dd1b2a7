package dev.keysmith.account;

import java.util.Set;

import dev.keysmith.audit.AuditLog;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who the provider says signed in, as a Keysmith user: the roles its claim grants (none:
 * refused), its local account made or updated, the sign-on in the audit log.
 */
final class SsoUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

	static final String REFUSED = "keysmith_refused";

	private final OAuth2UserService<OidcUserRequest, OidcUser> provider;

	private final SsoAccounts accounts;

	private final SsoProperties properties;

	private final AuditLog audit;

	SsoUserService(OAuth2UserService<OidcUserRequest, OidcUser> provider, SsoAccounts accounts,
			SsoProperties properties, AuditLog audit) {
		this.provider = provider;
		this.accounts = accounts;
		this.properties = properties;
		this.audit = audit;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser user = this.provider.loadUser(request);
		String issuer = request.getClientRegistration().getProviderDetails().getIssuerUri();
		String preferred = user.getPreferredUsername();
		String who = (preferred != null && !preferred.isBlank()) ? preferred : user.getSubject();
		Set<Role> roles = SsoRoles.granted(user.getClaims().get(this.properties.rolesClaim()),
				this.properties.roleMapping());
		if (roles.isEmpty()) {
			throw refused(who, "The identity provider grants '" + who + "' no Keysmith role (claim '"
					+ this.properties.rolesClaim() + "'): ask an administrator for access");
		}
		UserAccount account;
		try {
			account = this.accounts.signIn(issuer, user.getSubject(), preferred, roles);
		}
		catch (SsoAccounts.SsoRefusedException ex) {
			throw refused(who, ex.getMessage());
		}
		this.audit.record(account.getUsername(), "SSO_LOGIN", "ACCOUNT", account.getUsername(),
				"Signed in by single sign-on from " + issuer + " with roles " + Role.format(roles));
		return new SsoUser(account.getUsername(),
				roles.stream().map((role) -> new SimpleGrantedAuthority(role.authority())).toList(), user.getIdToken(),
				user.getUserInfo());
	}

	private OAuth2AuthenticationException refused(String who, String message) {
		this.audit.record(who, "SSO_LOGIN_REFUSED", "ACCOUNT", who, message);
		return new OAuth2AuthenticationException(new OAuth2Error(REFUSED, message, null), message);
	}

}

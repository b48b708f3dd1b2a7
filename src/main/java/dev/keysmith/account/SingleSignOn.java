package dev.keysmith.account;

import java.time.Clock;

import dev.keysmith.audit.AuditLog;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.stereotype.Component;

/**
 * Single sign-on by OpenID Connect, when {@code keysmith.security.sso.issuer-uri} is set:
 * the login page's button, the provider's login, and back signed in with the roles the
 * provider's claim grants. Without the setting nothing of it is in place, and nothing
 * reaches out to a provider at start-up even with it.
 */
@Component
public class SingleSignOn {

	private final SsoProperties properties;

	private final SsoRegistrations registrations;

	private final SsoAccounts accounts;

	private final AuditLog audit;

	private final Clock clock;

	private final SimpleClientHttpRequestFactory requests;

	private final SsoCalls calls;

	SingleSignOn(SsoProperties properties, SsoAccounts accounts, AuditLog audit, Clock clock) {
		this.properties = properties;
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
		this.requests = new SimpleClientHttpRequestFactory();
		this.requests.setConnectTimeout(properties.timeout());
		this.requests.setReadTimeout(properties.timeout());
		this.registrations = new SsoRegistrations(properties, this.requests);
		this.calls = new SsoCalls(this.requests);
	}

	public boolean isEnabled() {
		return this.properties.enabled();
	}

	String displayName() {
		return this.properties.displayName();
	}

	SsoRegistrations registrations() {
		return this.registrations;
	}

	/** How ID tokens are checked, with the provider's keys read within the timeout. */
	SsoCalls calls() {
		return this.calls;
	}

	/** Adds the OpenID Connect login to the pages' security when it is configured. */
	public void configure(HttpSecurity http) throws Exception {
		if (!isEnabled()) {
			return;
		}
		SsoCalls calls = this.calls;
		http.oauth2Login((login) -> login.loginPage("/login")
			.clientRegistrationRepository(this.registrations)
			.authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
			.authorizationEndpoint((authorization) -> authorization
				.authorizationRequestResolver(new SsoConfirm.Requests(this.registrations)))
			.tokenEndpoint((token) -> token.accessTokenResponseClient(calls.tokens()))
			.userInfoEndpoint((userInfo) -> userInfo
				.oidcUserService(new SsoUserService(calls.users(), this.accounts, this.properties, this.audit)))
			.successHandler(new SsoSuccessHandler(this.clock))
			.failureHandler(new SsoFailureHandler(this.properties.displayName())));
	}

}

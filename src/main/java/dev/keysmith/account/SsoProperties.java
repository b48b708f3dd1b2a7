package dev.keysmith.account;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Single sign-on by OpenID Connect, in use only when {@code issuerUri} is set.
 *
 * @param issuerUri the provider's issuer; its discovery document is read at the first
 * sign-on, not at start-up
 * @param clientId Keysmith's client at the provider
 * @param clientSecret its secret
 * @param rolesClaim the claim (ID token or user info) whose values grant Keysmith roles
 * @param roleMapping claim value to Keysmith role names (comma-separated); empty: a value
 * naming a Keysmith role grants it, and once set, only the values listed grant roles
 * @param displayName the name on the login page's button
 * @param timeout how long each call to the provider may take
 */
@ConfigurationProperties("keysmith.security.sso")
record SsoProperties(String issuerUri, String clientId, String clientSecret, @DefaultValue("roles") String rolesClaim,
		Map<String, String> roleMapping, @DefaultValue("single sign-on") String displayName,
		@DefaultValue("10s") Duration timeout) {

	SsoProperties {
		roleMapping = (roleMapping != null) ? Map.copyOf(roleMapping) : Map.of();
		if (issuerUri != null && !issuerUri.isBlank() && (clientId == null || clientId.isBlank())) {
			throw new IllegalArgumentException("keysmith.security.sso.client-id is required with issuer-uri");
		}
	}

	boolean enabled() {
		return this.issuerUri != null && !this.issuerUri.isBlank();
	}

}

package dev.keysmith.account;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Keysmith's one client registration, read from the provider's discovery document at the
 * first sign-on (not at start-up, so that Keysmith starts while the provider is away),
 * within the configured timeout, and kept once read.
 */
final class SsoRegistrations implements ClientRegistrationRepository {

	static final String ID = "keysmith";

	private final SsoProperties properties;

	private final RestClient http;

	private final AtomicReference<ClientRegistration> registration = new AtomicReference<>();

	SsoRegistrations(SsoProperties properties, SimpleClientHttpRequestFactory requests) {
		this.properties = properties;
		this.http = RestClient.builder().requestFactory(requests).build();
	}

	@Override
	public ClientRegistration findByRegistrationId(String registrationId) {
		if (!ID.equals(registrationId)) {
			return null;
		}
		try {
			return registration();
		}
		catch (SsoUnavailableException ex) {
			return null;
		}
	}

	/** The registration, read from the provider now if not yet. */
	ClientRegistration registration() {
		ClientRegistration known = this.registration.get();
		if (known != null) {
			return known;
		}
		String issuer = this.properties.issuerUri().strip();
		String location = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
		Map<String, Object> metadata;
		try {
			metadata = this.http.get()
				.uri(location)
				.retrieve()
				.body(new ParameterizedTypeReference<Map<String, Object>>() {
				});
		}
		catch (RestClientException ex) {
			throw new SsoUnavailableException("The identity provider did not answer at " + location + ": "
					+ ex.getMostSpecificCause().getMessage());
		}
		if (metadata == null || !issuer.equals(metadata.get("issuer"))) {
			throw new SsoUnavailableException("The identity provider at " + location + " names another issuer ("
					+ ((metadata != null) ? metadata.get("issuer") : null) + ") than keysmith.security.sso.issuer-uri");
		}
		ClientRegistration read = ClientRegistration.withRegistrationId(ID)
			.clientId(this.properties.clientId())
			.clientSecret(this.properties.clientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope("openid", "profile")
			.authorizationUri(text(metadata, "authorization_endpoint"))
			.tokenUri(text(metadata, "token_endpoint"))
			.jwkSetUri(text(metadata, "jwks_uri"))
			.userInfoUri((String) metadata.get("userinfo_endpoint"))
			.userNameAttributeName("sub")
			.issuerUri(issuer)
			.providerConfigurationMetadata(metadata)
			.clientName(this.properties.displayName())
			.build();
		this.registration.compareAndSet(null, read);
		return this.registration.get();
	}

	private static String text(Map<String, Object> metadata, String name) {
		if (!(metadata.get(name) instanceof String value) || value.isBlank()) {
			throw new SsoUnavailableException("The identity provider's discovery document has no " + name);
		}
		return value;
	}

	/** The provider cannot be used right now; the message says why, in words. */
	static final class SsoUnavailableException extends RuntimeException {

		SsoUnavailableException(String message) {
			super(message);
		}

	}

}

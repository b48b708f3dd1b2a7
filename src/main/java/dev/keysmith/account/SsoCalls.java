package dev.keysmith.account;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.converter.ClaimTypeConverter;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Every call Keysmith makes to the identity provider (the token, the user info, the keys
 * that sign the ID token), each within the configured timeout.
 */
final class SsoCalls implements JwtDecoderFactory<ClientRegistration> {

	private final SimpleClientHttpRequestFactory requests;

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	SsoCalls(SimpleClientHttpRequestFactory requests) {
		this.requests = requests;
	}

	OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokens() {
		RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
		client.setRestClient(RestClient.builder().requestFactory(this.requests).messageConverters((converters) -> {
			converters.clear();
			converters.add(new FormHttpMessageConverter());
			converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
		}).defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
		return client;
	}

	OidcUserService users() {
		RestTemplate rest = new RestTemplate(this.requests);
		rest.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
		DefaultOAuth2UserService userInfo = new DefaultOAuth2UserService();
		userInfo.setRestOperations(rest);
		OidcUserService users = new OidcUserService();
		users.setOauth2UserService(userInfo);
		return users;
	}

	@Override
	public JwtDecoder createDecoder(ClientRegistration registration) {
		return this.decoders.computeIfAbsent(registration.getRegistrationId(), (id) -> {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
				.jwsAlgorithms((algorithms) -> {
					algorithms.add(SignatureAlgorithm.RS256);
					algorithms.add(SignatureAlgorithm.ES256);
				})
				.restOperations(new RestTemplate(this.requests))
				.build();
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
					new OidcIdTokenValidator(registration)));
			decoder.setClaimSetConverter(
					new ClaimTypeConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverters()));
			return decoder;
		});
	}

}

package dev.keysmith.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;

@Configuration(proxyBeanMethods = false)
class SsoConfiguration {

	/**
	 * The ID token check of the OpenID Connect login (which finds it as a bean): the
	 * provider's keys are read at the first sign-on, within the timeout.
	 */
	@Bean
	JwtDecoderFactory<ClientRegistration> ssoIdTokenDecoders(SingleSignOn singleSignOn) {
		return singleSignOn.calls();
	}

}

package dev.keysmith.account;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * A real OpenID provider for the single sign-on tests: Spring Authorization Server in an
 * application of its own on a loopback port, with one client (Keysmith, its redirect on
 * Keysmith's port) and users whose ID token carries a {@code roles} claim. Not a
 * {@code @Configuration}, so that no Keysmith test context picks it up.
 */
@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
		SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
		SecurityFilterAutoConfiguration.class })
class OidcTestProvider {

	static final String CLIENT_ID = "keysmith-test";

	static final String CLIENT_SECRET = "keysmith-test-secret";

	static final String PASSWORD = "provider-password";

	/** Each user's {@code roles} claim. */
	static final Map<String, List<String>> ROLES = Map.of("alice", List.of("keysmith-admins"), "bob",
			List.of("keysmith-operators", "unrelated"), "carol", List.of("nobody"), "admin", List.of("keysmith-admins"),
			"mallory", List.of("ADMIN", "OPERATOR"));

	static IntSupplier keysmithPort;

	/** Starts the provider; the caller closes it. */
	static ConfigurableApplicationContext start(IntSupplier keysmithPort) {
		OidcTestProvider.keysmithPort = keysmithPort;
		return new SpringApplicationBuilder(OidcTestProvider.class)
			.properties("spring.config.name=oidc-test-provider", "server.port=0", "server.address=127.0.0.1",
					"server.servlet.session.cookie.name=PROVIDERSESSION", "spring.main.banner-mode=off")
			.run();
	}

	static String issuer(ConfigurableApplicationContext provider) {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) provider).getWebServer().getPort();
	}

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
		http.oauth2AuthorizationServer((server) -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.oidc(Customizer.withDefaults());
		})
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain providerLogin(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.formLogin(Customizer.withDefaults())
			.build();
	}

	@Bean
	UserDetailsService providerUsers() {
		return (username) -> {
			if (!ROLES.containsKey(username)) {
				throw new org.springframework.security.core.userdetails.UsernameNotFoundException(username);
			}
			return User.withUsername(username).password("{noop}" + PASSWORD).roles("USER").build();
		};
	}

	@Bean
	RegisteredClientRepository clients() {
		return new RegisteredClientRepository() {

			@Override
			public void save(RegisteredClient registeredClient) {
				// the one client is made anew at each look-up (Keysmith's port may be
				// new)
			}

			@Override
			public RegisteredClient findById(String id) {
				return CLIENT_ID.equals(id) ? client() : null;
			}

			@Override
			public RegisteredClient findByClientId(String clientId) {
				return CLIENT_ID.equals(clientId) ? client() : null;
			}

		};
	}

	private static RegisteredClient client() {
		return RegisteredClient.withId(CLIENT_ID)
			.clientId(CLIENT_ID)
			.clientSecret("{noop}" + CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("http://127.0.0.1:" + keysmithPort.getAsInt() + "/login/oauth2/code/keysmith")
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
			.build();
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> rolesClaim() {
		return (context) -> {
			if ("id_token".equals(context.getTokenType().getValue())) {
				String username = context.getPrincipal().getName();
				context.getClaims().claim("roles", ROLES.get(username));
				context.getClaims().claim("preferred_username", username);
			}
		};
	}

	@Bean
	KeyPair signingKey() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair();
	}

	/** Checks the access tokens the user info endpoint is called with. */
	@Bean
	JwtDecoder accessTokens(KeyPair signingKey) {
		return NimbusJwtDecoder.withPublicKey((RSAPublicKey) signingKey.getPublic()).build();
	}

	@Bean
	JWKSource<SecurityContext> keys(KeyPair pair) {
		RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
			.keyID(UUID.randomUUID().toString())
			.build();
		return new ImmutableJWKSet<>(new JWKSet(key));
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings() {
		return AuthorizationServerSettings.builder().build();
	}

}

package dev.keysmith.web;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code keysmith.behind-proxy} ({@code KEYSMITH_BEHIND_PROXY}) decides whether Tomcat
 * honours {@code X-Forwarded-Proto}, {@code X-Forwarded-For} and {@code X-Forwarded-Host}
 * from a proxy on a private or loopback address ({@code server.forward-headers-strategy}
 * {@code native}, else {@code none}). Behind a TLS-terminating proxy that makes requests
 * secure, so the session cookie is marked Secure and HSTS is sent, and it gives the login
 * throttle the client's address. It is only a default:
 * {@code server.forward-headers-strategy}, when set, wins.
 */
class BehindProxyEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY = "keysmith.behind-proxy";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String value = environment.getProperty(PROPERTY, "false").strip();
		if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
			throw new IllegalStateException(
					"KEYSMITH_BEHIND_PROXY (keysmith.behind-proxy) must be true or false, not '" + value + "'");
		}
		String strategy = Boolean.parseBoolean(value) ? "native" : "none";
		environment.getPropertySources()
			.addLast(new MapPropertySource("keysmith-behind-proxy",
					Map.of("server.forward-headers-strategy", strategy)));
	}

}

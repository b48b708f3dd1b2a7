package dev.keysmith.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class BehindProxyEnvironmentPostProcessorTests {

	@Test
	void postProcessWhenBehindProxyThenNativeForwardHeadersElseNone() {
		assertThat(strategy(Map.of("keysmith.behind-proxy", "true"))).isEqualTo("native");
		assertThat(strategy(Map.of("keysmith.behind-proxy", " TRUE "))).isEqualTo("native");
		assertThat(strategy(Map.of("keysmith.behind-proxy", "false"))).isEqualTo("none");
		// unset: none, also where Spring Boot would otherwise trust them on its own (on
		// Kubernetes)
		assertThat(strategy(Map.of())).isEqualTo("none");
	}

	@Test
	void postProcessWhenStrategySetExplicitlyThenItWins() {
		assertThat(strategy(Map.of("keysmith.behind-proxy", "true", "server.forward-headers-strategy", "framework")))
			.isEqualTo("framework");
	}

	@Test
	void postProcessWhenNotABooleanThenRefusedNamingTheVariable() {
		assertThatIllegalStateException().isThrownBy(() -> strategy(Map.of("keysmith.behind-proxy", "yes please")))
			.withMessage("KEYSMITH_BEHIND_PROXY (keysmith.behind-proxy) must be true or false, not 'yes please'");
	}

	private static String strategy(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		new BehindProxyEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		return environment.getProperty("server.forward-headers-strategy");
	}

}

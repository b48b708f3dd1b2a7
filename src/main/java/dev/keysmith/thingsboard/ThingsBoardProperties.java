package dev.keysmith.thingsboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Keysmith talks to ThingsBoard's REST API, and the optional default server taken from
 * the environment ({@code KEYSMITH_TB_*}) so that a container deployment needs no clicks.
 */
@ConfigurationProperties("keysmith.thingsboard")
public record ThingsBoardProperties(@DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("20s") Duration readTimeout, @DefaultValue("3") int maxRetries,
		@DefaultValue("500ms") Duration retryBackoff, @DefaultValue Default defaultServer) {

	/**
	 * @param name the name the server gets in Keysmith
	 * @param url the base URL ({@code KEYSMITH_TB_URL}); empty: no default server
	 */
	public record Default(@DefaultValue("ThingsBoard") String name, String url, String username, String password,
			String apiKey, String coapHost, Integer coapPort) {

		public boolean isConfigured() {
			return this.url != null && !this.url.isBlank();
		}

	}

}

package dev.keysmith.thingsboard.client;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Keysmith talks to ThingsBoard's REST API, and the optional default server taken
 * from the environment ({@code KEYSMITH_TB_*}) so that a container deployment needs no
 * clicks.
 *
 * @param readTimeout the longest one request may wait for its answer
 * @param operationTimeout the one deadline of an operation (a push, a check, a profile
 * list, a CA download, one REST call of a verification run), retries and waits included
 * @param maxConcurrentCalls calls to one server at once, at most
 * @param busyWait how long a call waits for one of those slots before it is told the
 * server is busy
 * @param circuitOpenAfter unanswered calls in a row after which calls to that server fail
 * at once
 * @param circuitCoolDown how long they fail at once before one trial call goes through
 */
@ConfigurationProperties("keysmith.thingsboard")
public record ThingsBoardProperties(@DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("20s") Duration readTimeout, @DefaultValue("3") int maxRetries,
		@DefaultValue("500ms") Duration retryBackoff, @DefaultValue("30s") Duration operationTimeout,
		@DefaultValue("4") int maxConcurrentCalls, @DefaultValue("1s") Duration busyWait,
		@DefaultValue("3") int circuitOpenAfter, @DefaultValue("30s") Duration circuitCoolDown,
		@DefaultValue Default defaultServer) {

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

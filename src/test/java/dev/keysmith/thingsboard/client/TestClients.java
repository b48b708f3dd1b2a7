package dev.keysmith.thingsboard.client;

import java.time.Clock;
import java.time.Duration;

import dev.keysmith.testkit.ThingsBoardDouble;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

/**
 * A ThingsBoardClient for the double's tenant administrator, without a Spring context.
 */
public final class TestClients {

	private TestClients() {
	}

	public static ThingsBoardClient client(ThingsBoardDouble thingsBoard) {
		return clients(properties(Duration.ofSeconds(5), Duration.ofSeconds(30))).client(thingsBoard.baseUrl(),
				"double", new ThingsBoardClient.Credentials(ThingsBoardDouble.TENANT_ADMIN,
						ThingsBoardDouble.TENANT_PASSWORD, null));
	}

	/**
	 * Settings as the defaults, but with a read timeout and an operation deadline of the
	 * test's choosing.
	 */
	static ThingsBoardProperties properties(Duration readTimeout, Duration operationTimeout) {
		return new ThingsBoardProperties(Duration.ofSeconds(2), readTimeout, 3, Duration.ofMillis(20), operationTimeout,
				4, Duration.ofSeconds(1), 3, Duration.ofSeconds(30), null);
	}

	static ThingsBoardClients clients(ThingsBoardProperties properties) {
		return new ThingsBoardClients(RestClient.builder(), JsonMapper.builder().build(), properties,
				Clock.systemUTC());
	}

}

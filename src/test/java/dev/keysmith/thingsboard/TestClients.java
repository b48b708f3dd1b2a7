package dev.keysmith.thingsboard;

import java.time.Duration;

import dev.keysmith.testkit.ThingsBoardDouble;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

/** A ThingsBoardClient for the double's tenant administrator, without a Spring context. */
public final class TestClients {

	private TestClients() {
	}

	public static ThingsBoardClient client(ThingsBoardDouble thingsBoard) {
		ThingsBoardProperties properties = new ThingsBoardProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), 3,
				Duration.ofMillis(20), null);
		ThingsBoardClients clients = new ThingsBoardClients(RestClient.builder(), JsonMapper.builder().build(), null,
				properties);
		return new ThingsBoardClient(clients.restClient(thingsBoard.baseUrl(), "double"),
				new ThingsBoardClient.Credentials(ThingsBoardDouble.TENANT_ADMIN, ThingsBoardDouble.TENANT_PASSWORD, null),
				properties, "double");
	}

}

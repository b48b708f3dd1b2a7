package dev.keysmith.thingsboard;

import dev.keysmith.thingsboard.client.ThingsBoardProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates (or brings up to date) the server given by {@code KEYSMITH_TB_URL} and its
 * companions, so that a container deployment needs no clicks.
 */
@Component
class DefaultServerInitializer implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DefaultServerInitializer.class);

	private final ThingsBoardServerService servers;

	private final ThingsBoardProperties properties;

	DefaultServerInitializer(ThingsBoardServerService servers, ThingsBoardProperties properties) {
		this.servers = servers;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		ThingsBoardProperties.Default configured = this.properties.defaultServer();
		if (configured == null || !configured.isConfigured()) {
			return;
		}
		ThingsBoardServer server = this.servers.upsertFromEnvironment(
				new ServerSettings(configured.name(), configured.url(), configured.username(), configured.password(),
						configured.apiKey(), configured.coapHost(), configured.coapPort(), null, true, null, null));
		log.info("ThingsBoard server '{}' at {} configured from the environment ({} auth, CoAP {}:{})",
				server.getName(), server.getBaseUrl(), server.getAuthType(), server.getCoapHost(),
				server.getCoapPort());
	}

}

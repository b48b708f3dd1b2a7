package dev.keysmith.thingsboard;

import dev.keysmith.testkit.NeedsPostgres;
import dev.keysmith.testkit.PostgresServer;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ServerApiTests} again, on a real PostgreSQL server (profile {@code postgres}).
 */
@NeedsPostgres
@ActiveProfiles("postgres")
class ServerApiPostgresTests extends ServerApiTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry, "server_api");
	}

}

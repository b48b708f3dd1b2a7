package dev.keysmith.push;

import dev.keysmith.testkit.NeedsPostgres;
import dev.keysmith.testkit.PostgresServer;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link PushServiceTests} again, on a real PostgreSQL server (profile {@code postgres}).
 */
@NeedsPostgres
@ActiveProfiles("postgres")
class PushServicePostgresTests extends PushServiceTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry, "push_service");
	}

}

package dev.keysmith.account;

import dev.keysmith.testkit.NeedsPostgres;
import dev.keysmith.testkit.PostgresServer;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ApiTokenApiTests} again, on a real PostgreSQL server (profile {@code postgres}):
 * the migration and the queries are portable.
 */
@NeedsPostgres
@ActiveProfiles("postgres")
class ApiTokenApiPostgresTests extends ApiTokenApiTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry, "api_tokens");
	}

}

package dev.keysmith.expiry;

import dev.keysmith.testkit.NeedsPostgres;
import dev.keysmith.testkit.PostgresServer;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ExpiryScanTests} again, on a real PostgreSQL server (profile {@code postgres}).
 */
@NeedsPostgres
@ActiveProfiles("postgres")
class ExpiryScanPostgresTests extends ExpiryScanTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry, "expiry_scan");
	}

}

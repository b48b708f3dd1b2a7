package dev.keysmith.expiry;

import dev.keysmith.testkit.NeedsPostgres;
import dev.keysmith.testkit.PostgresServer;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ExpiryDashboardTests} again, on a real PostgreSQL server (profile
 * {@code postgres}).
 */
@NeedsPostgres
@ActiveProfiles("postgres")
class ExpiryDashboardPostgresTests extends ExpiryDashboardTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry, "expiry_dashboard");
	}

}

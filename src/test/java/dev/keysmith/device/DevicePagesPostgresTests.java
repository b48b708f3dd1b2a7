package dev.keysmith.device;

import dev.keysmith.testkit.NeedsPostgres;
import dev.keysmith.testkit.PostgresServer;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link DevicePagesTests} again, on a real PostgreSQL server (profile {@code postgres}).
 */
@NeedsPostgres
@ActiveProfiles("postgres")
class DevicePagesPostgresTests extends DevicePagesTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry, "device_pages");
	}

}

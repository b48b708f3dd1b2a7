package dev.keysmith.instance;

import dev.keysmith.testkit.NeedsPostgres;
import dev.keysmith.testkit.PostgresServer;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link InstancesTests} again, on a real PostgreSQL server, which several processes may
 * share.
 */
@NeedsPostgres
@ActiveProfiles("postgres")
class InstancesPostgresTests extends InstancesTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry, "instances");
	}

	@Override
	boolean databaseShared() {
		return true;
	}

}

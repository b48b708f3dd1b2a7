package dev.keysmith.account;

import dev.keysmith.testkit.NeedsPostgres;
import dev.keysmith.testkit.PostgresServer;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link TotpSignInTests} again, on a real PostgreSQL server (profile {@code postgres}):
 * the migration of the second factor's tables and its queries there.
 */
@NeedsPostgres
@ActiveProfiles("postgres")
class TotpSignInPostgresTests extends TotpSignInTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry, "totp_sign_in");
	}

}

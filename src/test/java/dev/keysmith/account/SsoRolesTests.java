package dev.keysmith.account;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which Keysmith roles a provider's roles claim grants, with and without a mapping.
 */
class SsoRolesTests {

	@Test
	void withoutAMappingValuesNamingRolesGrantThem() {
		assertThat(SsoRoles.granted(List.of("OPERATOR", "auditor", "unrelated"), Map.of()))
			.containsExactlyInAnyOrder(Role.OPERATOR, Role.AUDITOR);
		assertThat(SsoRoles.granted("OPERATOR, CUSTODIAN unrelated", Map.of())).containsExactlyInAnyOrder(Role.OPERATOR,
				Role.CUSTODIAN);
	}

	@Test
	void withAMappingOnlyTheValuesItListsGrantRoles() {
		Map<String, String> mapping = Map.of("keysmith-admins", "ADMIN", "/ops/keysmith", "OPERATOR,AUDITOR");
		assertThat(SsoRoles.granted(List.of("/ops/keysmith", "ADMIN", "CUSTODIAN"), mapping))
			.containsExactlyInAnyOrder(Role.OPERATOR, Role.AUDITOR);
		assertThat(SsoRoles.granted(List.of("ADMIN"), mapping)).isEmpty();
		assertThat(SsoRoles.granted("keysmith-admins", mapping)).containsExactly(Role.ADMIN);
	}

	@Test
	void noClaimOrAnotherShapeGrantsNothing() {
		assertThat(SsoRoles.granted(null, Map.of())).isEmpty();
		assertThat(SsoRoles.granted(42, Map.of())).isEmpty();
	}

}

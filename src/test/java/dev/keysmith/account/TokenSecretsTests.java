package dev.keysmith.account;

import java.security.SecureRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSecretsTests {

	private final TokenSecrets secrets = new TokenSecrets(new SecureRandom());

	@Test
	void newTokenWhenMadeTwiceForOneIdThenSameIdOtherSecretAndOnlyItsOwnHashMatches() {
		UUID id = UUID.randomUUID();
		String first = this.secrets.newToken(id);
		String second = this.secrets.newToken(id);
		assertThat(first).startsWith("ks_" + id.toString().replace("-", "") + "_").hasSize(3 + 32 + 1 + 43);
		assertThat(second).isNotEqualTo(first);
		assertThat(TokenSecrets.idOf(first)).contains(id);
		assertThat(TokenSecrets.idOf(second)).contains(id);
		String stored = TokenSecrets.hash(first);
		assertThat(stored).matches("[0-9a-f]{64}").doesNotContain(first.substring(first.length() - 43));
		assertThat(TokenSecrets.matches(first, stored)).isTrue();
		assertThat(TokenSecrets.matches(second, stored)).isFalse();
	}

	@Test
	void idOfWhenNotAKeysmithTokenThenEmpty() {
		String token = this.secrets.newToken(UUID.randomUUID());
		assertThat(TokenSecrets.idOf(token + "x")).isEmpty();
		assertThat(TokenSecrets.idOf(token.toUpperCase())).isEmpty();
		assertThat(TokenSecrets.idOf(token.replace("ks_", "gh_"))).isEmpty();
		assertThat(TokenSecrets.idOf("")).isEmpty();
	}

}

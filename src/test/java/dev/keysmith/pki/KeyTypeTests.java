package dev.keysmith.pki;

import dev.keysmith.common.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one rule for key-type input, as the API, the create page and the service use it.
 */
class KeyTypeTests {

	@Test
	void parseGeneratableWhenNamedThenThatTypeAndWhenBlankThenP256() {
		assertThat(KeyType.parseGeneratable("EC_P384")).isEqualTo(KeyType.EC_P384);
		assertThat(KeyType.parseGeneratable(" RSA_2048 ")).isEqualTo(KeyType.RSA_2048);
		assertThat(KeyType.parseGeneratable(null)).isEqualTo(KeyType.EC_P256);
		assertThat(KeyType.parseGeneratable("")).isEqualTo(KeyType.EC_P256);
	}

	@Test
	void parseGeneratableWhenUnknownOrOnlyImportedThenRefusedNamingTheFieldAndTheChoices() {
		assertThatThrownBy(() -> KeyType.parseGeneratable("DSA\n1024")).isInstanceOf(InvalidRequestException.class)
			.hasMessage("Unknown key type 'DSA\\n1024'. Choose a key type Keysmith generates: EC_P256, EC_P384, "
					+ "RSA_2048")
			.extracting((ex) -> ((InvalidRequestException) ex).getField())
			.isEqualTo("keyType");
		assertThatThrownBy(() -> KeyType.parseGeneratable("RSA_4096"))
			.hasMessage("Keysmith takes RSA 4096 keys on import but does not generate them. Choose a key type "
					+ "Keysmith generates: EC_P256, EC_P384, RSA_2048");
		assertThatThrownBy(() -> KeyType.requireGeneratable(null)).isInstanceOf(InvalidRequestException.class)
			.hasMessageStartingWith("No key type given.");
	}

}

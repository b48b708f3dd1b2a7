package dev.keysmith.device;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LookAlikesTests {

	@ParameterizedTest
	@ValueSource(strings = { "boiler", "BOILER", "Boiler", "b\u043eiler", "\u0432oiler", "bo\u0456ler", "boi\u200Bler",
			"\u200Dboiler\uFEFF", "bo\u00ADiler", "\uFF42\uFF4F\uFF49\uFF4C\uFF45\uFF52", "\u0392\u039F\u0399LER",
			"\u0412\u041EILER", "b\u03bfiler", "boile\u0433", "b\u043e\u0456l\u0435r" })
	void keyWhenNameDiffersOnlyByCaseInvisibleOrConfusableCharactersThenSameKey(String name) {
		assertThat(LookAlikes.key(name)).isEqualTo("boiler");
	}

	@ParameterizedTest
	@ValueSource(strings = { "boiler-2", "boilers", "bojler", "b oiler", "\u0431oiler" })
	void keyWhenNameReallyDiffersThenOtherKey(String name) {
		assertThat(LookAlikes.key(name)).isNotEqualTo("boiler");
	}

	@Test
	void keyWhenNameExpandsUnderNfkcThenBoundedByItsColumn() {
		assertThat(LookAlikes.key("\uFDFA".repeat(255))).hasSize(Device.NAME_KEY_LENGTH);
	}

}

package dev.keysmith.account;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	@ParameterizedTest
	@ValueSource(strings = { "Password2024!", "password1234", "P@ssw0rd-2026", "qwertyuiop12", "123456789012",
			"thingsboard12", "iloveyou!!!!", "Welcome123456", "abcabcabcabc", "aaaaaaaaaaaaaa", "dragondragon99",
			"correct horse battery staple" })
	void problemWhenACommonPasswordOrItsWordThenRefused(String password) {
		assertThat(PasswordPolicy.problem("alice", password)).isPresent();
	}

	@ParameterizedTest
	@ValueSource(strings = { "short-one", "elevenchars" })
	void problemWhenShorterThanTwelveThenSaysTheLength(String password) {
		assertThat(PasswordPolicy.problem("alice", password)).contains("must be at least 12 characters long");
	}

	@ParameterizedTest
	@ValueSource(strings = { "alice-2026-rollout", "xxALICExx-keys" })
	void problemWhenTheAccountsNameIsInItThenRefused(String password) {
		assertThat(PasswordPolicy.problem("alice", password)).contains("must not contain the account's name");
	}

	@ParameterizedTest
	@ValueSource(strings = { "tulip-radar-9-ocean", "Vx7#kq2!Lm9$Pz", "gravel lantern quietly" })
	void problemWhenLongAndUncommonThenNone(String password) {
		assertThat(PasswordPolicy.problem("alice", password)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = { 73, 200 })
	void problemWhenLongerThanBcryptReadsThenRefused(int length) {
		assertThat(PasswordPolicy.problem("alice", "ab1-".repeat(length / 4 + 1).substring(0, length)))
			.hasValueSatisfying((problem) -> assertThat(problem).contains("72 bytes"));
	}

}

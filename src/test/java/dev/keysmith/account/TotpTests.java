package dev.keysmith.account;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The one-time codes against the test vectors of RFC 6238 (appendix B, HMAC-SHA1, eight
 * digits) and Base32 against those of RFC 4648.
 */
class TotpTests {

	private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	@Test
	void codeWhenRfc6238VectorsThenTheirCodes() {
		assertThat(code(59)).isEqualTo("94287082");
		assertThat(code(1111111109)).isEqualTo("07081804");
		assertThat(code(1111111111)).isEqualTo("14050471");
		assertThat(code(1234567890)).isEqualTo("89005924");
		assertThat(code(2000000000)).isEqualTo("69279037");
		assertThat(code(20000000000L)).isEqualTo("65353130");
	}

	@Test
	void codeWhenSixDigitsThenTheLastSixOfTheTruncation() {
		assertThat(Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(59)), 6)).isEqualTo("287082");
		assertThat(Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(1111111109)), 6)).isEqualTo("081804");
	}

	@Test
	void matchingStepWhenOneStepOffThenAcceptedAndTwoStepsOffRefused() {
		Instant now = Instant.ofEpochSecond(1111111111);
		long step = Totp.step(now);
		assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step, 6), now)).hasValue(step);
		assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 1, 6), now)).hasValue(step - 1);
		assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step + 1, 6), now)).hasValue(step + 1);
		assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 2, 6), now)).isEmpty();
		assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step + 2, 6), now)).isEmpty();
		assertThat(Totp.matchingStep(RFC_KEY, "12345", now)).isEmpty();
		assertThat(Totp.matchingStep(RFC_KEY, null, now)).isEmpty();
	}

	@Test
	void base32WhenRfc4648VectorsThenTheirTextAndBack() {
		String[][] vectors = { { "", "" }, { "f", "MY" }, { "fo", "MZXQ" }, { "foo", "MZXW6" }, { "foob", "MZXW6YQ" },
				{ "fooba", "MZXW6YTB" }, { "foobar", "MZXW6YTBOI" } };
		for (String[] vector : vectors) {
			assertThat(Base32.encode(vector[0].getBytes(StandardCharsets.US_ASCII))).isEqualTo(vector[1]);
			assertThat(new String(Base32.decode(vector[1].toLowerCase()), StandardCharsets.US_ASCII))
				.isEqualTo(vector[0]);
		}
		assertThatIllegalArgumentException().isThrownBy(() -> Base32.decode("MZ1")).withMessageContaining("'1'");
	}

	private static String code(long epochSecond) {
		return Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(epochSecond)), 8);
	}

}

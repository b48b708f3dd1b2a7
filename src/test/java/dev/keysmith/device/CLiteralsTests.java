package dev.keysmith.device;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What generated C source prints from stored values: string literals that hold the exact
 * bytes, comments that stay comments, and nothing outside printable ASCII.
 */
class CLiteralsTests {

	@Test
	void stringWhenPlainThenQuotedAsIs() {
		assertThat(CLiterals.string("sensor-01.example_host")).isEqualTo("\"sensor-01.example_host\"");
	}

	@Test
	void stringWhenQuotesAndBackslashesThenEscaped() {
		assertThat(CLiterals.string("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
	}

	@Test
	void stringWhenQuestionMarksThenNoTrigraphCanForm() {
		assertThat(CLiterals.string("??/??=??'")).isEqualTo("\"\\?\\?/\\?\\?=\\?\\?'\"").doesNotContain("??");
	}

	@Test
	void stringWhenLineBreaksAndControlsThenEscapedAsTheirBytes() {
		assertThat(CLiterals.string("a\nb\rc\td\0e\u007Ff")).isEqualTo("\"a\\nb\\rc\\td\\000e\\177f\"");
	}

	@Test
	void stringWhenNonAsciiThenUtf8BytesInOctalSoThatFollowingDigitsStayDigits() {
		// é is C3 A9 in UTF-8; octal escapes end after three digits, hex ones would not
		assertThat(CLiterals.string("é12")).isEqualTo("\"\\303\\25112\"");
		assertThat(CLiterals.string("\u202Eevil")).isEqualTo("\"\\342\\200\\256evil\"");
	}

	@Test
	void stringWhenCommentMarkersThenKeptVerbatimInsideTheLiteral() {
		assertThat(CLiterals.string("*/ /* //")).isEqualTo("\"*/ /* //\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "name */ int pwned = 1; /*", "a*/b", "*/", "/*", "/*/", "a/**/b", "x*", "/x", "**//",
			"??/", "???/", "a?\\?b", "line\nbreak", "cr\rlf", "nul\0", "bidi\u202Eevil\u2066", "sep\u2028par\u2029",
			"émoji \uD83D\uDE00", "back\\slash\\", "tab\there" })
	void commentWhenHostileThenItCannotEndTheCommentOrAddALineOrATrigraph(String value) {
		String comment = CLiterals.comment(value);
		assertThat(comment).doesNotContain("*/").doesNotContain("/*").doesNotContain("??");
		assertThat(comment.chars()).allMatch((c) -> c >= 0x20 && c <= 0x7E);
		// as a C comment delimits it: the template puts quotes around the value
		assertThat(("\"" + comment + "\"")).doesNotContain("*/").doesNotContain("/*");
	}

	@Test
	void commentWhenHostileThenStillReadable() {
		assertThat(CLiterals.comment("a*/b")).isEqualTo("a*\\/b");
		assertThat(CLiterals.comment("a/*b")).isEqualTo("a/\\*b");
		assertThat(CLiterals.comment("??/")).isEqualTo("?\\?/");
		assertThat(CLiterals.comment("line\nbreak")).isEqualTo("line\\nbreak");
		assertThat(CLiterals.comment("é\u202E")).isEqualTo("\\u00E9\\u202E");
		assertThat(CLiterals.comment("sensor-01")).isEqualTo("sensor-01");
	}

}

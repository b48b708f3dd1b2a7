package dev.keysmith.thingsboard;

import dev.keysmith.common.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HostNamesTests {

	@ParameterizedTest
	@ValueSource(strings = { "thingsboard.example.com", "localhost", "tb", "my_service", "tb-node-1.internal",
			"127.0.0.1", "0.0.0.0", "255.255.255.255", "::1", "2001:db8::8a2e:370:7334", "fe80::1:2:3:4",
			"::ffff:192.0.2.1", "1:2:3:4:5:6:7:8", "::", "1::" })
	void checkWhenHostNameOrIpLiteralThenTakenAsGiven(String host) {
		assertThat(HostNames.check("coapHost", "CoAP host", host)).isEqualTo(host);
	}

	@Test
	void checkWhenLongestLabelsThenTaken() {
		String label = "a".repeat(63);
		String name = String.join(".", label, label, label, "b".repeat(61));
		assertThat(name).hasSize(253);
		assertThat(HostNames.check("coapHost", "CoAP host", name)).isEqualTo(name);
	}

	@Test
	void checkWhenBracketedIpv6ThenStoredWithoutBrackets() {
		assertThat(HostNames.check("coapHost", "CoAP host", "[2001:db8::1]")).isEqualTo("2001:db8::1");
		assertThat(HostNames.check("coapHost", "CoAP host", "[::1]")).isEqualTo("::1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1$(touch /tmp/x)", "127.0.0.1;touch x", "127.0.0.1`touch x`", "127.0.0.1 x",
			"127.0.0.1\ntouch x", "a..b", ".a", "a.", "-a.b", "a-.b", "a b", "h\u00e9te", "x'y", "\"x\"", "a/b",
			"a:b:c", "1.2.3.256", "1.2.3", "01.2.3.4", "1.2.3.4.5", "::1::", "1:2:3:4:5:6:7:8:9", "12345::1", "[::1",
			"::1]", "[tb.example.com]", "fe80::1%eth0", "::g", "" })
	void checkWhenNotAHostThenRefusedNamingTheField(String host) {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> HostNames.check("coapHost", "CoAP host", host))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("coapHost"))
			.withMessageContaining("is not a host name or an IP address");
	}

	@Test
	void checkWhenTooLongThenRefused() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> HostNames.check("url", "URL's host", "a".repeat(64) + ".example"))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("url"));
		String label = "a".repeat(63);
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(
				() -> HostNames.check("url", "URL's host", String.join(".", label, label, label, "b".repeat(62))));
	}

	@Test
	void checkWhenRefusedThenMessageShowsControlCharactersEscaped() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> HostNames.check("coapHost", "CoAP host", "127.0.0.1$(touch /tmp/x)"))
			.withMessage("The CoAP host '127.0.0.1$(touch /tmp/x)' is not a host name or an IP address");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> HostNames.check("coapHost", "CoAP host", "a\nb"))
			.withMessage("The CoAP host 'a\\nb' is not a host name or an IP address");
	}

}

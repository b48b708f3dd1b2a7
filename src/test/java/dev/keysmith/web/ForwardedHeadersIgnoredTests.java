package dev.keysmith.web;

import java.net.http.HttpResponse;

import dev.keysmith.KeysmithTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code KEYSMITH_BEHIND_PROXY}, in the real Tomcat: forwarded headers are a
 * client's claims and change nothing, neither the scheme nor the address the login
 * throttle counts.
 */
class ForwardedHeadersIgnoredTests extends KeysmithTestSupport {

	@LocalServerPort
	int port;

	@Test
	void loginWhenNotBehindProxyThenForwardedProtoIgnored() {
		HttpPages pages = new HttpPages(this.port).always("X-Forwarded-Proto", "https");
		HttpResponse<String> page = pages.get("/login");
		assertThat(ForwardedHeadersTests.sessionCookie(page)).doesNotContain("Secure");
		assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

	@Test
	void basicWhenNotBehindProxyThenForwardedForDoesNotEscapeTheThrottle() {
		// an account of its own, so that the loopback address stays free for the other
		// tests here
		for (int i = 0; i < 5; i++) {
			HttpPages claimsToBeElsewhere = new HttpPages(this.port).always("X-Forwarded-For", "203.0.113." + (20 + i));
			assertThat(claimsToBeElsewhere.get("/api/devices", "Authorization", HttpPages.basic("xff-probe", "wrong"))
				.statusCode()).isEqualTo(401);
		}
		HttpPages yetAnother = new HttpPages(this.port).always("X-Forwarded-For", "203.0.113.99");
		assertThat(yetAnother.get("/api/devices", "Authorization", HttpPages.basic("xff-probe", "wrong")).statusCode())
			.isEqualTo(429);
	}

}

package dev.keysmith.web;

import java.net.http.HttpResponse;
import java.util.List;

import dev.keysmith.KeysmithTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keysmith behind a TLS-terminating proxy ({@code KEYSMITH_BEHIND_PROXY=true}), in the
 * real Tomcat: the proxy, on loopback here, says with {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-For} how and from where the client came.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "keysmith.behind-proxy=true")
class ForwardedHeadersTests extends KeysmithTestSupport {

	@LocalServerPort
	int port;

	@Test
	void loginWhenProxyForwardedHttpsThenSessionCookieSecureAndHsts() {
		HttpPages pages = new HttpPages(this.port).always("X-Forwarded-Proto", "https");
		HttpResponse<String> page = pages.get("/login");
		assertThat(sessionCookie(page)).contains("; Secure").contains("; HttpOnly");
		assertThat(page.headers().firstValue("Strict-Transport-Security"))
			.hasValueSatisfying((hsts) -> assertThat(hsts).startsWith("max-age="));

		HttpResponse<String> login = pages.logIn("admin", ADMIN_PASSWORD);
		// the session after login is a new one (no fixation), and its cookie is Secure
		// too
		assertThat(sessionCookie(login)).contains("; Secure");
		assertThat(login.headers().firstValue("Strict-Transport-Security")).isPresent();
		assertThat(login.headers().firstValue("Location")).hasValueSatisfying((location) -> assertThat(location)
			.satisfiesAnyOf((l) -> assertThat(l).isEqualTo("/"), (l) -> assertThat(l).startsWith("https://")));
		assertThat(pages.get("/devices").statusCode()).isEqualTo(200);
	}

	@Test
	void loginWhenProxyForwardedPlainHttpThenNoSecureCookieAndNoHsts() {
		HttpPages pages = new HttpPages(this.port).always("X-Forwarded-Proto", "http");
		HttpResponse<String> page = pages.get("/login");
		assertThat(sessionCookie(page)).doesNotContain("Secure");
		assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

	@Test
	void basicWhenFailuresFromOneForwardedAddressThenOnlyThatClientIsThrottled() {
		HttpPages attacker = new HttpPages(this.port).always("X-Forwarded-For", "203.0.113.10");
		for (int i = 0; i < 5; i++) {
			assertThat(attacker.get("/api/devices", "Authorization", HttpPages.basic("admin", "wrong")).statusCode())
				.isEqualTo(401);
		}
		HttpResponse<String> refused = attacker.get("/api/devices", "Authorization",
				HttpPages.basic("admin", ADMIN_PASSWORD));
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();

		HttpPages owner = new HttpPages(this.port).always("X-Forwarded-For", "203.0.113.11");
		assertThat(owner.get("/api/devices", "Authorization", HttpPages.basic("admin", ADMIN_PASSWORD)).statusCode())
			.isEqualTo(200);
	}

	@Test
	void apiWriteWhenOriginIsThePublicOriginTheProxyForwardedThenAccepted() {
		HttpPages proxied = new HttpPages(this.port).always("X-Forwarded-Proto", "https")
			.always("X-Forwarded-Host", "keysmith.example");
		String device = "{\"name\":\"behind-proxy-origin\"}";
		assertThat(proxied
			.postJson("/api/devices", device, "Authorization", HttpPages.basic("admin", ADMIN_PASSWORD), "Origin",
					"https://keysmith.example")
			.statusCode()).isEqualTo(201);
		assertThat(proxied
			.postJson("/api/devices", device, "Authorization", HttpPages.basic("admin", ADMIN_PASSWORD), "Origin",
					"http://127.0.0.1:" + this.port)
			.statusCode()).as("the address behind the proxy is not the public origin").isEqualTo(403);
	}

	static String sessionCookie(HttpResponse<String> response) {
		List<String> cookies = response.headers().allValues("Set-Cookie");
		return cookies.stream()
			.filter((cookie) -> cookie.startsWith("JSESSIONID="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
	}

}

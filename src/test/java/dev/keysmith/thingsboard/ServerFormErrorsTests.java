package dev.keysmith.thingsboard;

import java.util.UUID;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The server form shows each refusal beside the field it names, and a clash above the
 * form; no secret comes back.
 */
class ServerFormErrorsTests extends KeysmithTestSupport {

	@Autowired
	ThingsBoardServerService servers;

	@Test
	void addWhenRefusedThenErrorBesideItsFieldAndSecretsNotSentBack() {
		assertThat(post("field-url", "ftp://nowhere", "5684", "1024")).bodyText()
			.containsPattern("<small class=\"field-error\">[^<]*must be an http:// or https:// address")
			.doesNotContain("secret-value");
		assertThat(post("field-port", "http://127.0.0.1:9", "5684.5", "1024")).bodyText()
			.contains("<small class=\"field-error\">The CoAP port must be a whole number between 1 and 65535, not "
					+ "&#39;5684.5&#39;</small>")
			.doesNotContain("secret-value");
		assertThat(post("field-limit", "http://127.0.0.1:9", "5684", "lots")).bodyText()
			.contains("<small class=\"field-error\">The DTLS datagram limit must be a whole number of bytes, not "
					+ "&#39;lots&#39;</small>");
		assertThat(post("field-limit", "http://127.0.0.1:9", "5684", "100")).bodyText()
			.containsPattern("<small class=\"field-error\">[^<]*512");
		assertThat(this.servers.list()).noneMatch((s) -> s.getName().startsWith("field-"));

		String name = "taken-" + UUID.randomUUID();
		post(name, "http://127.0.0.1:9", "5684", "1024");
		assertThat(post(name, "http://127.0.0.1:9", "5684", "1024")).bodyText()
			.containsPattern("<p>[^<]*already exists[^<]*</p>")
			.doesNotContain("field-error\">A ThingsBoard server named");
	}

	private MvcTestResult post(String name, String url, String coapPort, String limit) {
		return this.mvc.post()
			.uri("/servers")
			.param("name", name)
			.param("url", url)
			.param("authType", "PASSWORD")
			.param("username", "u")
			.param("password", "secret-value")
			.param("coapPort", coapPort)
			.param("dtlsDatagramLimit", limit)
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.exchange();
	}

}

package dev.keysmith.thingsboard;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.TestAccounts;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * The per-server DTLS datagram limit: 1,024 unless set, kept when not given, 512 to
 * 16,384, on the API and the pages.
 */
@ThingsBoardDoubleTest
class ServerDatagramLimitTests extends KeysmithTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Test
	void apiWhenLimitNotGivenThenThingsBoardsDefaultAndAGivenOneKeptOnUpdate() throws Exception {
		String body = """
				{"name":"limit-%s","url":"%s","username":"u","password":"p"}""".formatted(UUID.randomUUID(),
				thingsBoard.baseUrl());
		MvcTestResult created = send(this.mvc.post().uri("/api/thingsboard/servers"), body);
		assertThat(created).hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.hasPathSatisfying("$.dtlsDatagramLimit", (v) -> v.assertThat().isEqualTo(1024));
		String id = JsonPath.read(created.getResponse().getContentAsString(), "$.id");
		String uri = "/api/thingsboard/servers/" + id;

		assertThat(send(this.mvc.put().uri(uri), body.replace("}", ",\"dtlsDatagramLimit\":512}"))).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.dtlsDatagramLimit", (v) -> v.assertThat().isEqualTo(512));
		assertThat(send(this.mvc.put().uri(uri), body)).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.dtlsDatagramLimit", (v) -> v.assertThat().isEqualTo(512));
	}

	@Test
	void apiWhenLimitOutOfRangeThen400NamingTheFieldAndNothingSaved() {
		String name = "limit-bad-" + UUID.randomUUID();
		for (int limit : new int[] { 0, 511, 16385 }) {
			MvcTestResult result = send(this.mvc.post().uri("/api/thingsboard/servers"), """
					{"name":"%s","url":"%s","username":"u","password":"p","dtlsDatagramLimit":%d}""".formatted(name,
					thingsBoard.baseUrl(), limit));
			assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
				.bodyJson()
				.hasPathSatisfying("$.field", (v) -> v.assertThat().isEqualTo("dtlsDatagramLimit"))
				.hasPathSatisfying("$.detail",
						(v) -> v.assertThat().asString().contains("between 512 and 16384 bytes, not " + limit));
		}
		assertThat(this.mvc.get().uri("/api/thingsboard/servers").with(httpBasic("admin", ADMIN_PASSWORD))).bodyText()
			.doesNotContain(name);
	}

	@Test
	void pageWhenLimitEditedThenShownAndOfferedAgain() {
		MvcTestResult added = this.mvc.post()
			.uri("/servers")
			.param("name", "limit-page-" + UUID.randomUUID())
			.param("url", thingsBoard.baseUrl())
			.param("authType", "PASSWORD")
			.param("username", ThingsBoardDouble.TENANT_ADMIN)
			.param("password", ThingsBoardDouble.TENANT_PASSWORD)
			.param("coapPort", String.valueOf(thingsBoard.coapPort()))
			.param("dtlsDatagramLimit", "2048")
			.param("verifyHostName", "true")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.exchange();
		assertThat(added).hasStatus(HttpStatus.FOUND);
		String location = added.getResponse().getRedirectedUrl();
		assertThat(this.mvc.get().uri(location).with(TestAccounts.everyRole("admin"))).bodyText()
			.contains("DTLS datagram limit")
			.contains("2048 bytes");
		assertThat(this.mvc.get().uri(location + "/edit").with(TestAccounts.everyRole("admin"))).bodyText()
			.contains("name=\"dtlsDatagramLimit\" value=\"2048\"");
		assertThat(this.mvc.get().uri("/servers/new").with(TestAccounts.everyRole("admin"))).bodyText()
			.contains("name=\"dtlsDatagramLimit\" value=\"1024\"");
	}

	private MvcTestResult send(org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder request,
			String body) {
		return request.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.exchange();
	}

}

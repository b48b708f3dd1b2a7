package dev.keysmith.audit;

import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The audit log as the API, the Audit page and its CSV give it, and what features record
 * in it: the device trail after the device's deletion, signing in, server changes.
 */
class AuditApiTests extends KeysmithTestSupport {

	@Autowired
	AuditLog audit;

	@Test
	void searchWhenFilteredAndPagedThenNewestFirstWithinTheFilter() {
		String actor = "auditor-" + UUID.randomUUID();
		for (int i = 0; i < 5; i++) {
			this.audit.record(actor, (i % 2 == 0) ? "TEST_EVEN" : "TEST_ODD", "test", "object-" + i, "n" + i);
		}
		MvcTestResult page = getAsAdmin("/api/audit?actor=" + actor + "&size=2&page=0");
		assertThat(page).hasStatusOk();
		String body = body(page);
		assertThat(JsonPath.<Integer>read(body, "$.totalElements")).isEqualTo(5);
		assertThat(JsonPath.<Integer>read(body, "$.totalPages")).isEqualTo(3);
		assertThat(JsonPath.<List<String>>read(body, "$.content[*].detail")).containsExactly("n4", "n3");
		assertThat(JsonPath.<List<String>>read(body(getAsAdmin("/api/audit?actor=" + actor + "&size=2&page=2")),
				"$.content[*].detail"))
			.containsExactly("n0");
		assertThat(JsonPath.<List<String>>read(body(getAsAdmin("/api/audit?actor=" + actor + "&action=TEST_ODD")),
				"$.content[*].detail"))
			.containsExactly("n3", "n1");
		assertThat(JsonPath.<List<String>>read(body(getAsAdmin("/api/audit?actor=" + actor + "&objectId=object-2")),
				"$.content[*].detail"))
			.containsExactly("n2");
		assertThat(JsonPath.<Integer>read(body(getAsAdmin("/api/audit?actor=" + actor + "&from=2999-01-01")),
				"$.totalElements"))
			.isZero();
		assertThat(JsonPath.<Integer>read(body(getAsAdmin("/api/audit?actor=" + actor + "&to=2999-01-01T00:00:00Z")),
				"$.totalElements"))
			.isEqualTo(5);
		assertThat(JsonPath.<Integer>read(body(getAsAdmin("/api/audit?size=100000")), "$.size"))
			.isEqualTo(AuditLog.MAX_READ);
	}

	@Test
	void searchWhenFromIsNotATimeThenBadRequestNamingIt() {
		MvcTestResult result = getAsAdmin("/api/audit?from=yesterday");
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(JsonPath.<String>read(body(result), "$.field")).isEqualTo("from");
		assertThat(JsonPath.<String>read(body(result), "$.detail")).contains("'yesterday'");
		MvcTestResult backwards = getAsAdmin("/api/audit?from=2026-02-01&to=2026-01-01");
		assertThat(backwards).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(JsonPath.<String>read(body(backwards), "$.field")).isEqualTo("to");
	}

	@Test
	void verificationWhenNothingWasTamperedThenIntactWithTheEntryCount() {
		this.audit.record("alice", "TEST_VERIFY", null, null, null);
		MvcTestResult result = getAsAdmin("/api/audit/verification");
		assertThat(result).hasStatusOk();
		assertThat(JsonPath.<Boolean>read(body(result), "$.intact")).isTrue();
		assertThat(JsonPath.<Integer>read(body(result), "$.entries")).isPositive();
	}

	@Test
	void csvWhenACellStartsLikeAFormulaThenItIsMadeInert() {
		String actor = "csv-" + UUID.randomUUID();
		this.audit.record(actor, "TEST_CSV", "test", "-1", "=HYPERLINK(\"http://x\"), and more");
		this.audit.record(actor, "TEST_CSV", "test", "2", "@SUM(A1)");
		MvcTestResult result = this.mvc.get()
			.uri("/audit.csv?actor=" + actor)
			.with(TestAccounts.everyRole("admin"))
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getContentType()).startsWith("text/csv");
		String csv = body(result);
		String[] lines = csv.split("\r\n");
		assertThat(lines).hasSize(3);
		assertThat(lines[0]).startsWith("id,at,actor,action,object_type,object_id,object_name,client_address,detail");
		assertThat(lines[1]).contains(",'@SUM(A1),");
		assertThat(lines[2]).contains(",'-1,").contains(",\"'=HYPERLINK(\"\"http://x\"\"), and more\",");
		assertThat(this.mvc.get().uri("/audit.csv?to=never").with(TestAccounts.everyRole("admin")).exchange())
			.hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void pageWhenAnAdminOpensItThenFiltersEntriesAndTheChainStatusShow() {
		String actor = "page-" + UUID.randomUUID();
		this.audit.record(actor, "TEST_PAGE", "device", UUID.randomUUID().toString(), "shown on the page");
		RequestPostProcessor admin = TestAccounts.everyRole("admin");
		MvcTestResult page = this.mvc.get().uri("/audit?actor=" + actor).with(admin).exchange();
		assertThat(page).hasStatusOk();
		assertThat(body(page)).contains("id=\"audit-filter\"", "shown on the page", "TEST_PAGE", "/audit.csv?actor=",
				"href=\"/audit\"", "hx-get=\"/audit/verification\"");
		MvcTestResult chain = this.mvc.get().uri("/audit/verification").with(admin).exchange();
		assertThat(body(chain)).contains("The chain is intact")
			.containsPattern("each from entry \\d+ on sealed with the master key");
		assertThat(body(this.mvc.get().uri("/audit?from=soon").with(admin).exchange())).contains("is not a time for");
	}

	@Test
	void deviceTrailWhenTheDeviceIsDeletedThenItIsStillThereWithItsShape() {
		String name = "trail-" + UUID.randomUUID().toString().substring(0, 8);
		MvcTestResult created = postJson("/api/devices", "{\"name\":\"" + name + "\"}");
		assertThat(created).hasStatus(HttpStatus.CREATED);
		String id = JsonPath.read(body(created), "$.id");
		assertThat(getAsAdmin("/api/devices/" + id + "/key.pem")).hasStatusOk();
		assertThat(this.mvc.delete().uri("/api/devices/" + id).with(admin()).exchange())
			.hasStatus(HttpStatus.NO_CONTENT);

		MvcTestResult trail = getAsAdmin("/api/devices/" + id + "/audit");
		assertThat(trail).hasStatusOk();
		assertThat(JsonPath.<List<String>>read(body(trail), "$[*].action")).containsExactly("DELETED",
				"PRIVATE_KEY_EXPORTED", "CREATED");
		assertThat(JsonPath.<List<String>>read(body(trail), "$[0].*")).hasSize(4);
		assertThat(JsonPath.<String>read(body(trail), "$[1].actor")).isEqualTo("admin");
		assertThat(JsonPath.<String>read(body(trail), "$[1].detail")).startsWith("key.pem; reason: ");
		String entries = body(getAsAdmin("/api/audit?objectId=" + id));
		assertThat(JsonPath.<List<String>>read(entries, "$.content[*].objectName")).containsOnly(name);
		assertThat(JsonPath.<List<String>>read(entries, "$.content[*].objectType")).containsOnly("device");
		assertThat(getAsAdmin("/api/devices/" + UUID.randomUUID() + "/audit")).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void signInWhenFormLoginSucceedsOrAnyLoginFailsThenRecordedWithTheClientAddress() {
		String stranger = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.mvc.post()
			.uri("/login")
			.param("username", "admin")
			.param("password", ADMIN_PASSWORD)
			.with(csrf())
			.with(from("192.0.2.10"))
			.exchange()).hasStatus(HttpStatus.FOUND);
		assertThat(this.mvc.post()
			.uri("/login")
			.param("username", stranger)
			.param("password", "wrong-password-123")
			.with(csrf())
			.with(from("192.0.2.11"))
			.exchange()).hasStatus(HttpStatus.FOUND);
		assertThat(this.mvc.get()
			.uri("/api/devices")
			.with(httpBasic(stranger, "another-wrong-one"))
			.with(from("192.0.2.12"))
			.exchange()).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.get().uri("/api/devices").with(admin()).with(from("192.0.2.13")).exchange()).hasStatusOk();

		String logins = body(getAsAdmin("/api/audit?action=LOGIN&size=200"));
		assertThat(JsonPath.<List<String>>read(logins, "$.content[?(@.clientAddress == '192.0.2.10')].actor"))
			.containsExactly("admin");
		assertThat(JsonPath.<List<String>>read(logins, "$.content[?(@.clientAddress == '192.0.2.13')]")).isEmpty();
		String failures = body(getAsAdmin("/api/audit?action=LOGIN_FAILED&actor=" + stranger));
		assertThat(JsonPath.<List<String>>read(failures, "$.content[*].clientAddress")).containsExactly("192.0.2.12",
				"192.0.2.11");
		assertThat(JsonPath.<List<String>>read(failures, "$.content[*].detail")).satisfiesExactly(
				(detail) -> assertThat(detail).startsWith("HTTP Basic"),
				(detail) -> assertThat(detail).startsWith("login form"));
		assertThat(failures).doesNotContain("wrong-password-123", "another-wrong-one");
	}

	@Test
	void signOutWhenAnAccountLogsOutThenRecorded() {
		String account = "leaving-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.mvc.post().uri("/logout").with(user(account)).with(csrf()).with(from("192.0.2.20")).exchange())
			.hasStatus(HttpStatus.FOUND);
		String entries = body(getAsAdmin("/api/audit?action=LOGOUT&actor=" + account));
		assertThat(JsonPath.<List<String>>read(entries, "$.content[*].clientAddress")).containsExactly("192.0.2.20");
	}

	@Test
	void serverWhenEditedThenTheChangedFieldsAreNamedAndNoSecretIsRecorded() {
		String name = "audited-" + UUID.randomUUID().toString().substring(0, 8);
		MvcTestResult created = postJson("/api/thingsboard/servers",
				"{\"name\":\"%s\",\"url\":\"http://tb.example.com\",\"username\":\"tenant@example.com\",\"password\":\"first-secret-pw\"}"
					.formatted(name));
		assertThat(created).hasStatus(HttpStatus.CREATED);
		String id = JsonPath.read(body(created), "$.id");
		assertThat(putJson("/api/thingsboard/servers/" + id,
				"{\"name\":\"%s\",\"url\":\"http://tb2.example.com\",\"username\":\"tenant@example.com\",\"password\":\"second-secret-pw\",\"coapPort\":5685}"
					.formatted(name)))
			.hasStatusOk();
		assertThat(putJson("/api/thingsboard/servers/" + id,
				"{\"name\":\"%s\",\"url\":\"http://tb2.example.com\",\"username\":\"tenant@example.com\",\"password\":\"second-secret-pw\",\"coapPort\":5685}"
					.formatted(name)))
			.hasStatusOk();
		assertThat(this.mvc.delete().uri("/api/thingsboard/servers/" + id).with(admin()).exchange())
			.hasStatus(HttpStatus.NO_CONTENT);

		String entries = body(getAsAdmin("/api/audit?objectId=" + id));
		assertThat(JsonPath.<List<String>>read(entries, "$.content[*].action")).containsExactly("SERVER_DELETED",
				"SERVER_UPDATED", "SERVER_CREATED");
		assertThat(JsonPath.<List<String>>read(entries, "$.content[*].actor")).containsOnly("admin");
		assertThat(JsonPath.<String>read(entries, "$.content[1].detail"))
			.isEqualTo("changed: url, password, coapHost, coapPort");
		assertThat(JsonPath.<List<String>>read(entries, "$.content[*].objectName")).containsOnly(name);
		assertThat(entries).doesNotContain("first-secret-pw", "second-secret-pw");
	}

	private static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString();
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

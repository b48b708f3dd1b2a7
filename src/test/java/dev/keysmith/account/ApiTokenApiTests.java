package dev.keysmith.account;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.audit.AuditLog;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * Personal API tokens through the JSON API, in the whole application with its real
 * security chain: made with the password, used as {@code Authorization: Bearer}, limited
 * to their roles, refused once expired, revoked or their account disabled.
 */
class ApiTokenApiTests extends KeysmithTestSupport {

	private static final String OWNER_PASSWORD = "owner-password-7c1e2a";

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	PasswordEncoder passwords;

	@Autowired
	AuditLog audit;

	@Autowired
	AdminAccountInitializer adminInitializer;

	@Test
	void createWhenPasswordThenTokenShownOnceAndUsableAsBearer() throws Exception {
		MvcTestResult created = postJson("/api/account/tokens",
				"{\"name\": \"nightly export\", \"roles\": [\"OPERATOR\"], \"expiresInDays\": 30}");
		assertThat(created).hasStatus(HttpStatus.CREATED);
		String body = created.getResponse().getContentAsString();
		String token = JsonPath.read(body, "$.token");
		String id = JsonPath.read(body, "$.id");
		assertThat(token).matches("ks_[0-9a-f]{32}_[A-Za-z0-9_-]{43}").contains(id.replace("-", ""));
		assertThat(created).bodyJson().extractingPath("$.roles").asArray().containsExactly("OPERATOR");
		assertThat(created).bodyJson().extractingPath("$.name").isEqualTo("nightly export");
		Instant createdAt = Instant.parse(JsonPath.read(body, "$.createdAt"));
		Instant expiresAt = Instant.parse(JsonPath.read(body, "$.expiresAt"));
		assertThat(Duration.between(createdAt, expiresAt)).isEqualTo(Duration.ofDays(30));
		assertThat(created.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/api/account/tokens/" + id);

		assertThat(this.mvc.get().uri("/api/devices").with(bearer(token))).hasStatusOk()
			.doesNotContainHeader("Set-Cookie");

		MvcTestResult listed = getAsAdmin("/api/account/tokens");
		assertThat(listed).hasStatusOk();
		String list = listed.getResponse().getContentAsString();
		assertThat(list).contains(id).doesNotContain(secretOf(token)).doesNotContain("\"token\"");
		assertThat(JsonPath.<List<String>>read(list, "$[?(@.id == '" + id + "')].lastUsedAt")).hasSize(1)
			.doesNotContainNull();
		assertThat(this.audit.recent("API_TOKEN_CREATED", 50)).anySatisfy((event) -> {
			assertThat(event.getObjectId()).isEqualTo(id);
			assertThat(event.getDetail()).contains("nightly export").doesNotContain(secretOf(token));
		});
	}

	@Test
	void createWhenNoRolesAndNoExpiryThenTheAccountsRolesFor90Days() throws Exception {
		MvcTestResult created = postJson("/api/account/tokens", "{\"name\": \"all of mine\"}");
		assertThat(created).hasStatus(HttpStatus.CREATED);
		assertThat(created).bodyJson()
			.extractingPath("$.roles")
			.asArray()
			.containsExactly("ADMIN", "OPERATOR", "CUSTODIAN", "AUDITOR");
		String body = created.getResponse().getContentAsString();
		assertThat(Duration.between(Instant.parse(JsonPath.read(body, "$.createdAt")),
				Instant.parse(JsonPath.read(body, "$.expiresAt"))))
			.isEqualTo(Duration.ofDays(90));
	}

	@Test
	void storedRowWhenReadWithJdbcThenHoldsTheHashAndNoSecret() throws Exception {
		String token = tokenOf(postJson("/api/account/tokens", "{\"name\": \"row check\"}"));
		UUID id = TokenSecrets.idOf(token).orElseThrow();
		Map<String, Object> row = this.jdbc.queryForMap("select * from api_token where id = ?", id);
		assertThat(row.values())
			.allSatisfy((value) -> assertThat(String.valueOf(value)).doesNotContain(secretOf(token)));
		assertThat(row.get("TOKEN_HASH")).isEqualTo(TokenSecrets.hash(token));
		assertThat((String) row.get("TOKEN_HASH")).hasSize(64);
	}

	@Test
	void bearerWhenScopeLacksTheRouteRoleThenForbiddenThoughTheAccountHoldsIt() throws Exception {
		String auditor = tokenOf(postJson("/api/account/tokens", "{\"name\": \"reader\", \"roles\": [\"AUDITOR\"]}"));
		String admin = tokenOf(postJson("/api/account/tokens", "{\"name\": \"admin\", \"roles\": [\"ADMIN\"]}"));
		assertThat(this.mvc.get().uri("/api/admin/webhook").with(bearer(auditor))).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.get().uri("/api/admin/webhook").with(bearer(admin))).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/devices").with(bearer(auditor))).hasStatusOk();
	}

	@Test
	void bearerWhenScopeIsAuditorOrOperatorThenNoWriteOrNoKeyExportWhereACustodianTokenExports() throws Exception {
		String device = createdId(postJson("/api/devices",
				"{\"name\": \"token-export-" + UUID.randomUUID().toString().substring(0, 8) + "\"}"));
		String auditor = tokenOf(postJson("/api/account/tokens", "{\"name\": \"auditor\", \"roles\": [\"AUDITOR\"]}"));
		String operator = tokenOf(
				postJson("/api/account/tokens", "{\"name\": \"operator\", \"roles\": [\"OPERATOR\"]}"));
		String custodian = tokenOf(
				postJson("/api/account/tokens", "{\"name\": \"custodian\", \"roles\": [\"CUSTODIAN\"]}"));
		assertThat(this.mvc.post()
			.uri("/api/devices")
			.with(bearer(auditor))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"auditor-made\"}")).hasStatus(HttpStatus.FORBIDDEN);
		String keyPem = "/api/devices/" + device + "/key.pem";
		assertThat(this.mvc.get().uri(keyPem).with(bearer(operator)).header("X-Keysmith-Reason", "test"))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get().uri(keyPem).with(bearer(custodian)).header("X-Keysmith-Reason", "token test"))
			.hasStatusOk()
			.bodyText()
			.contains("PRIVATE KEY");
	}

	@Test
	void bearerWhenTheAccountLostARoleOfTheScopeThenThatRoleIsNotGranted() throws Exception {
		String owner = newAccount(EnumSet.of(Role.ADMIN, Role.OPERATOR));
		String token = tokenOf(createAs(owner, "{\"name\": \"both\", \"roles\": [\"ADMIN\", \"OPERATOR\"]}"));
		assertThat(this.mvc.get().uri("/api/admin/webhook").with(bearer(token))).hasStatusOk();

		changeAccount(owner, (account) -> account.changeRoles(EnumSet.of(Role.OPERATOR)));
		assertThat(this.mvc.get().uri("/api/admin/webhook").with(bearer(token))).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get().uri("/api/devices").with(bearer(token))).hasStatusOk();

		changeAccount(owner, (account) -> account.changeRoles(EnumSet.of(Role.AUDITOR)));
		assertThat(this.mvc.get().uri("/api/devices").with(bearer(token))).hasStatus(HttpStatus.UNAUTHORIZED)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("The API token's account no longer holds any of the token's roles");
	}

	@Test
	void bearerWhenExpiredThenUnauthorizedSayingSo() throws Exception {
		String token = tokenOf(postJson("/api/account/tokens", "{\"name\": \"short\", \"expiresInDays\": 1}"));
		assertThat(this.mvc.get().uri("/api/devices").with(bearer(token))).hasStatusOk();
		// a day on: the stored expiry moved into the past rather than the clock on
		this.jdbc.update("update api_token set expires_at = ? where id = ?",
				Timestamp.from(Instant.now().minusSeconds(1)), TokenSecrets.idOf(token).orElseThrow());

		MvcTestResult refused = this.mvc.get().uri("/api/devices").with(bearer(token)).exchange();
		assertThat(refused).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("WWW-Authenticate", "Bearer realm=\"Keysmith\", error=\"invalid_token\"");
		assertThat(refused).bodyJson().extractingPath("$.detail").asString().startsWith("The API token has expired");
		assertThat(getAsAdmin("/api/account/tokens")).bodyJson()
			.extractingPath("$[?(@.name == 'short')].expired")
			.asArray()
			.containsExactly(true);
	}

	@Test
	void bearerWhenRevokedThenUnauthorizedAndNoLongerListed() throws Exception {
		String token = tokenOf(postJson("/api/account/tokens", "{\"name\": \"to revoke\"}"));
		UUID id = TokenSecrets.idOf(token).orElseThrow();
		assertThat(this.mvc.get().uri("/api/devices").with(bearer(token))).hasStatusOk();

		assertThat(this.mvc.delete().uri("/api/account/tokens/" + id).with(admin())).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.mvc.get().uri("/api/devices").with(bearer(token))).hasStatus(HttpStatus.UNAUTHORIZED)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("The API token has been revoked");
		assertThat(getAsAdmin("/api/account/tokens").getResponse().getContentAsString()).doesNotContain(id.toString());
		assertThat(this.mvc.delete().uri("/api/account/tokens/" + id).with(admin())).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.audit.recent("API_TOKEN_REVOKED", 50))
			.anySatisfy((event) -> assertThat(event.getObjectId()).isEqualTo(id.toString()));
	}

	@Test
	void bearerWhenAnAdministratorResetTheAccountsPasswordThenRevoked() throws Exception {
		String owner = newAccount(EnumSet.of(Role.OPERATOR));
		String first = tokenOf(createAs(owner, "{\"name\": \"laptop\"}"));
		String second = tokenOf(createAs(owner, "{\"name\": \"ci\"}"));
		assertThat(this.mvc.get().uri("/api/devices").with(bearer(first))).hasStatusOk();

		assertThat(postJson("/api/users/" + owner + "/password", "{\"password\": \"reset-by-admin-4f1b9c\"}"))
			.hasStatus(HttpStatus.NO_CONTENT);

		for (String token : List.of(first, second)) {
			assertThat(this.mvc.get().uri("/api/devices").with(bearer(token))).hasStatus(HttpStatus.UNAUTHORIZED)
				.bodyJson()
				.extractingPath("$.detail")
				.isEqualTo("The API token has been revoked");
		}
		assertThat(this.audit.recent("PASSWORD_RESET", 50)).anySatisfy((event) -> {
			assertThat(event.getObjectId()).isEqualTo(owner);
			assertThat(event.getDetail()).contains("its 2 API token(s) revoked");
		});
		for (String token : List.of(first, second)) {
			String id = TokenSecrets.idOf(token).orElseThrow().toString();
			assertThat(this.audit.recent("API_TOKEN_REVOKED", 50)).anySatisfy((event) -> {
				assertThat(event.getObjectId()).isEqualTo(id);
				assertThat(event.getActor()).isEqualTo("admin");
				assertThat(event.getDetail()).endsWith("by a password reset");
			});
		}
	}

	@Test
	void bearerWhenTheAdminPasswordIsSetAgainFromTheEnvironmentThenTheAdminsTokensRevoked() throws Exception {
		String token = tokenOf(postJson("/api/account/tokens", "{\"name\": \"before the recovery\"}"));
		assertThat(this.mvc.get().uri("/api/devices").with(bearer(token))).hasStatusOk();
		// the password was changed (and lost): the next start sets it from
		// KEYSMITH_ADMIN_PASSWORD
		changeAccount("admin", (account) -> account.changePasswordHash(this.passwords.encode("lost-password-0a9b8c"),
				true, Instant.now()));

		this.adminInitializer.run(null);

		assertThat(this.mvc.get().uri("/api/devices").with(bearer(token))).hasStatus(HttpStatus.UNAUTHORIZED)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("The API token has been revoked");
		assertThat(this.mvc.get().uri("/api/devices").with(admin())).hasStatusOk();
		assertThat(this.audit.recent("API_TOKEN_REVOKED", 50)).anySatisfy((event) -> {
			assertThat(event.getObjectId()).isEqualTo(TokenSecrets.idOf(token).orElseThrow().toString());
			assertThat(event.getActor()).isEqualTo("KEYSMITH_ADMIN_PASSWORD");
		});
	}

	@Test
	void bearerWhenAccountDisabledThenUnauthorized() throws Exception {
		String owner = newAccount(EnumSet.of(Role.OPERATOR));
		String token = tokenOf(createAs(owner, "{\"name\": \"of a leaver\"}"));
		assertThat(this.mvc.get().uri("/api/devices").with(bearer(token))).hasStatusOk();

		changeAccount(owner, (account) -> account.changeEnabled(false));
		assertThat(this.mvc.get().uri("/api/devices").with(bearer(token))).hasStatus(HttpStatus.UNAUTHORIZED)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("The API token's account is disabled");
	}

	@Test
	void bearerWhenUnknownOrAlteredThenUnauthorizedWithoutStackTrace() throws Exception {
		String token = tokenOf(postJson("/api/account/tokens", "{\"name\": \"altered\"}"));
		String altered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
		for (String sent : List.of(altered, "ks_nothing", "not-a-keysmith-token", "")) {
			MvcTestResult refused = this.mvc.get()
				.uri("/api/devices")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + sent)
				.exchange();
			assertThat(refused).as(sent).hasStatus(HttpStatus.UNAUTHORIZED);
			assertThat(refused).bodyJson()
				.extractingPath("$.detail")
				.isEqualTo("The API token is not known: check that it was copied whole");
		}
	}

	@Test
	void createWhenRolesWiderThanTheAccountsThenBadRequestNamingRoles() throws Exception {
		String owner = newAccount(EnumSet.of(Role.OPERATOR));
		MvcTestResult refused = createAs(owner, "{\"name\": \"greedy\", \"roles\": [\"OPERATOR\", \"ADMIN\"]}");
		assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.field").isEqualTo("roles");
		assertThat(refused).bodyJson().extractingPath("$.detail").asString().contains("ADMIN");
		assertThat(createAs(owner, "{\"name\": \"odd\", \"roles\": [\"ROOT\"]}")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.field")
			.isEqualTo("roles");
		assertThat(this.jdbc.queryForObject("select count(*) from api_token where username = ?", Integer.class, owner))
			.isZero();
	}

	@Test
	void createWhenNameOrExpiryOutOfBoundsThenBadRequestNamingTheField() {
		assertThat(postJson("/api/account/tokens", "{\"name\": \"forever\", \"expiresInDays\": 366}"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.field")
			.isEqualTo("expiresInDays");
		assertThat(postJson("/api/account/tokens", "{\"name\": \"never\", \"expiresInDays\": 0}"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.field")
			.isEqualTo("expiresInDays");
		assertThat(postJson("/api/account/tokens", "{\"roles\": []}")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.field")
			.isEqualTo("name");
		assertThat(postJson("/api/account/tokens", "{\"name\": \"" + "x".repeat(101) + "\"}"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.field")
			.isEqualTo("name");
	}

	@Test
	void createWhenSignedInWithATokenThenForbiddenButListAndRevokeAllowed() throws Exception {
		String token = tokenOf(postJson("/api/account/tokens", "{\"name\": \"automation\"}"));
		String other = tokenOf(postJson("/api/account/tokens", "{\"name\": \"other\"}"));
		assertThat(this.mvc.post()
			.uri("/api/account/tokens")
			.with(bearer(token))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"successor\", \"expiresInDays\": 365}")).hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo(ApiTokenApiController.TOKEN_CANNOT_CREATE);
		assertThat(this.mvc.get().uri("/api/account/tokens").with(bearer(token))).hasStatusOk()
			.bodyText()
			.doesNotContain("successor");
		assertThat(this.mvc.delete()
			.uri("/api/account/tokens/" + TokenSecrets.idOf(other).orElseThrow())
			.with(bearer(token))).hasStatus(HttpStatus.NO_CONTENT);
	}

	@Test
	void revokeWhenAnotherAccountsTokenThenNotFoundAndTheTokenStillWorks() throws Exception {
		String owner = newAccount(EnumSet.of(Role.OPERATOR));
		String token = tokenOf(createAs(owner, "{\"name\": \"mine\"}"));
		assertThat(this.mvc.delete().uri("/api/account/tokens/" + TokenSecrets.idOf(token).orElseThrow()).with(admin()))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(getAsAdmin("/api/account/tokens").getResponse().getContentAsString()).doesNotContain("\"mine\"");
		assertThat(this.mvc.get().uri("/api/devices").with(bearer(token))).hasStatusOk();
	}

	@Test
	void bearerWhenUsedAgainWithinAMinuteThenLastUseNotWrittenAgain() throws Exception {
		String token = tokenOf(postJson("/api/account/tokens", "{\"name\": \"busy\"}"));
		UUID id = TokenSecrets.idOf(token).orElseThrow();
		assertThat(lastUsedAt(id)).isNull();
		assertThat(this.mvc.get().uri("/api/devices").with(bearer(token))).hasStatusOk();
		Timestamp first = lastUsedAt(id);
		assertThat(first).isNotNull();
		// a noted use moved 30 s back is still within the minute: not written again
		Timestamp recent = Timestamp.from(first.toInstant().minusSeconds(30));
		this.jdbc.update("update api_token set last_used_at = ? where id = ?", recent, id);
		assertThat(this.mvc.get().uri("/api/devices").with(bearer(token))).hasStatusOk();
		assertThat(lastUsedAt(id)).isEqualTo(recent);
		// one two minutes back is noted anew
		Timestamp old = Timestamp.from(first.toInstant().minusSeconds(120));
		this.jdbc.update("update api_token set last_used_at = ? where id = ?", old, id);
		assertThat(this.mvc.get().uri("/api/devices").with(bearer(token))).hasStatusOk();
		assertThat(lastUsedAt(id)).isAfter(old);
	}

	private Timestamp lastUsedAt(UUID id) {
		return this.jdbc.queryForObject("select last_used_at from api_token where id = ?", Timestamp.class, id);
	}

	private String newAccount(Set<Role> roles) {
		String username = "token-owner-" + UUID.randomUUID().toString().substring(0, 8);
		this.accounts.save(new UserAccount(username, this.passwords.encode(OWNER_PASSWORD), roles, Instant.now()));
		return username;
	}

	private void changeAccount(String username, java.util.function.Consumer<UserAccount> change) {
		UserAccount account = this.accounts.findById(username).orElseThrow();
		change.accept(account);
		this.accounts.save(account);
	}

	private MvcTestResult createAs(String username, String json) {
		return this.mvc.post()
			.uri("/api/account/tokens")
			.with(httpBasic(username, OWNER_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	static RequestPostProcessor bearer(String token) {
		return (request) -> {
			request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			return request;
		};
	}

	static String tokenOf(MvcTestResult created) throws Exception {
		assertThat(created).hasStatus(HttpStatus.CREATED);
		return JsonPath.read(created.getResponse().getContentAsString(), "$.token");
	}

	private static String secretOf(String token) {
		return token.substring(token.length() - 43);
	}

}

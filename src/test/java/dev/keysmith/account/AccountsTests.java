package dev.keysmith.account;

import java.util.UUID;

import dev.keysmith.KeysmithTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * Named accounts through the API and the pages, signing in for real with their passwords.
 */
class AccountsTests extends KeysmithTestSupport {

	private static final String FIRST_PASSWORD = "first-tulip-radar-9";

	private static final String OWN_PASSWORD = "own-gravel-lantern-4";

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SsoAccounts ssoAccounts;

	@Test
	void createdAccountWhenSignedInWithItsRolesThenMayDoWhatTheyAllowAndNoMore() {
		String name = newAccount("OPERATOR");

		assertThat(this.mvc.get().uri("/api/devices").with(httpBasic(name, FIRST_PASSWORD))).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/users").with(httpBasic(name, FIRST_PASSWORD)))
			.hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("This account may not do that");
		assertThat(this.mvc.get().uri("/api/account").with(httpBasic(name, FIRST_PASSWORD))).bodyJson()
			.extractingPath("$.roles")
			.asArray()
			.containsExactly("OPERATOR");
	}

	@Test
	void createWhenPasswordCommonOrShortOrRoleUnknownOrNameTakenThen400Or409NamingTheField() {
		String name = "u" + UUID.randomUUID().toString().substring(0, 8);
		assertProblem(create(name, "Password2024!", "\"OPERATOR\""), HttpStatus.BAD_REQUEST, "password");
		assertProblem(create(name, "short", "\"OPERATOR\""), HttpStatus.BAD_REQUEST, "password");
		assertProblem(create(name, FIRST_PASSWORD, "\"SUPERUSER\""), HttpStatus.BAD_REQUEST, "roles");
		assertProblem(create(name, FIRST_PASSWORD, ""), HttpStatus.BAD_REQUEST, "roles");
		assertProblem(create("a b", FIRST_PASSWORD, "\"OPERATOR\""), HttpStatus.BAD_REQUEST, "username");
		assertThat(create(name, FIRST_PASSWORD, "\"OPERATOR\"")).hasStatus(HttpStatus.CREATED)
			.hasHeader("Location", "/api/users/" + name)
			.bodyText()
			.doesNotContain("\"password\"")
			.doesNotContain(FIRST_PASSWORD)
			.doesNotContain("bcrypt");
		assertThat(create(name.toUpperCase(), FIRST_PASSWORD, "\"OPERATOR\"")).hasStatus(HttpStatus.CONFLICT);
	}

	@Test
	void disabledAccountWhenItSignsInThen401AndAfterEnablingAgainServed() {
		String name = newAccount("AUDITOR");
		assertThat(putJson("/api/users/" + name, "{\"enabled\": false}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.enabled")
			.isEqualTo(false);

		assertThat(this.mvc.get().uri("/api/devices").with(httpBasic(name, FIRST_PASSWORD)))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.perform(formLogin().user(name).password(FIRST_PASSWORD))).hasRedirectedUrl("/login?error");

		assertThat(putJson("/api/users/" + name, "{\"enabled\": true, \"roles\": [\"AUDITOR\", \"CUSTODIAN\"]}"))
			.hasStatusOk();
		assertThat(this.mvc.get().uri("/api/devices").with(httpBasic(name, FIRST_PASSWORD))).hasStatusOk();
		assertThat(this.jdbc.queryForList(
				"SELECT detail FROM audit_event WHERE object_id = ? AND action = 'ACCOUNT_CHANGED' ORDER BY id",
				String.class, name))
			.containsExactly("disabled", "roles AUDITOR → CUSTODIAN,AUDITOR; enabled");
	}

	@Test
	void newAccountWhenFirstSignedInThenKeptOnItsAccountPageUntilItChoosesItsOwnPassword() throws Exception {
		String name = newAccount("OPERATOR");
		MvcTestResult login = this.mvc.perform(formLogin().user(name).password(FIRST_PASSWORD));
		assertThat(login).hasRedirectedUrl("/account");
		MockHttpSession session = (MockHttpSession) login.getRequest().getSession(false);

		assertThat(this.mvc.get().uri("/devices").session(session)).hasRedirectedUrl("/account");
		assertThat(this.mvc.get().uri("/account").session(session)).hasStatusOk()
			.bodyText()
			.contains("id=\"must-change\"");

		assertThat(changeOwnPassword(session)).hasRedirectedUrl("/account");
		assertThat(this.mvc.get().uri("/devices").session(session)).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/devices").with(httpBasic(name, OWN_PASSWORD))).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/devices").with(httpBasic(name, FIRST_PASSWORD)))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void signedInSessionWhenAnAdministratorTakesARoleAwayOrDisablesTheAccountThenItEndsAtTheNextClick()
			throws Exception {
		String name = newAccount("OPERATOR", "CUSTODIAN");
		assertThat(postJson("/api/users/" + name + "/password", "{\"password\": \"" + OWN_PASSWORD + "\"}"))
			.hasStatus(HttpStatus.NO_CONTENT);
		this.jdbc.update("UPDATE app_user SET must_change_password = FALSE WHERE username = ?", name);
		MvcTestResult login = this.mvc.perform(formLogin().user(name).password(OWN_PASSWORD));
		MockHttpSession session = (MockHttpSession) login.getRequest().getSession(false);
		assertThat(this.mvc.get().uri("/devices").session(session)).hasStatusOk();

		assertThat(putJson("/api/users/" + name, "{\"roles\": [\"OPERATOR\"]}")).hasStatusOk();
		// a stylesheet is no click: it is served without a look at the account
		assertThat(this.mvc.get().uri("/css/keysmith.css").session(session)).hasStatusOk();
		assertThat(session.isInvalid()).isFalse();
		assertThat(this.mvc.get().uri("/devices").session(session)).hasRedirectedUrl("/login?changed");
		assertThat(session.isInvalid()).isTrue();

		MvcTestResult again = this.mvc.perform(formLogin().user(name).password(OWN_PASSWORD));
		MockHttpSession second = (MockHttpSession) again.getRequest().getSession(false);
		assertThat(this.mvc.get().uri("/devices").session(second)).hasStatusOk();
		assertThat(putJson("/api/users/" + name, "{\"enabled\": false}")).hasStatusOk();
		assertThat(this.mvc.get().uri("/devices").session(second)).hasRedirectedUrl("/login?changed");
	}

	@Test
	void passwordGivenInASessionWhenWrongTooOftenThenRefusedAsSignInsAreAndAudited() throws Exception {
		String name = newAccount("OPERATOR", "CUSTODIAN");
		this.jdbc.update("UPDATE app_user SET must_change_password = FALSE WHERE username = ?", name);
		MvcTestResult login = this.mvc.perform(formLogin().user(name).password(FIRST_PASSWORD));
		MockHttpSession session = (MockHttpSession) login.getRequest().getSession(false);

		for (int i = 0; i < 5; i++) {
			assertThat(confirm(session, "not-my-password-" + i)).hasRedirectedUrl("/account/confirm?next=%2Fdevices")
				.flash()
				.containsEntry("error", "That is not your password.");
			if (i == 3) {
				// a right one in between clears nothing: only a whole sign-in does
				assertThat(confirm(session, FIRST_PASSWORD)).hasRedirectedUrl("/devices");
			}
		}
		// the right password now waits as a sign-in would, here and on the sign-in form
		assertThat(confirm(session, FIRST_PASSWORD)).hasRedirectedUrl("/account/confirm?next=%2Fdevices")
			.flash()
			.hasEntrySatisfying("error", (error) -> assertThat((String) error).startsWith("Too many wrong passwords"));
		assertThat(changeOwnPassword(session)).hasRedirectedUrl("/account")
			.flash()
			.hasEntrySatisfying("error", (error) -> assertThat((String) error).startsWith("Too many wrong passwords"));
		assertThat(this.mvc.perform(formLogin().user(name).password(FIRST_PASSWORD))).redirectedUrl()
			.startsWith("/login?throttled=");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_event WHERE action = 'PASSWORD_CHECK_FAILED' AND object_id = ?",
				Integer.class, name))
			.isEqualTo(5);
	}

	/**
	 * The session's owner changes the first password to their own on the account page.
	 */
	private MvcTestResult changeOwnPassword(MockHttpSession session) {
		return this.mvc.post()
			.uri("/account/password")
			.session(session)
			.with(csrf())
			.param("currentPassword", FIRST_PASSWORD)
			.param("newPassword", OWN_PASSWORD)
			.param("repeatPassword", OWN_PASSWORD)
			.exchange();
	}

	private MvcTestResult confirm(MockHttpSession session, String password) {
		return this.mvc.post()
			.uri("/account/confirm")
			.session(session)
			.with(csrf())
			.param("password", password)
			.param("next", "/devices")
			.exchange();
	}

	@Test
	void ownPasswordWhenCurrentOneWrongOrNewOneCommonThen400AndUnchanged() {
		String name = newAccount("AUDITOR");
		assertProblem(this.mvc.post()
			.uri("/api/account/password")
			.with(httpBasic(name, FIRST_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"currentPassword\": \"wrong-one-entirely\", \"newPassword\": \"" + OWN_PASSWORD + "\"}")
			.exchange(), HttpStatus.BAD_REQUEST, "currentPassword");
		// the wrong password is audited though the change is refused
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_event WHERE action = 'PASSWORD_CHECK_FAILED' AND object_id = ?",
				Integer.class, name))
			.isEqualTo(1);
		assertProblem(this.mvc.post()
			.uri("/api/account/password")
			.with(httpBasic(name, FIRST_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"currentPassword\": \"" + FIRST_PASSWORD + "\", \"newPassword\": \"qwertyuiop123\"}")
			.exchange(), HttpStatus.BAD_REQUEST, "newPassword");
		assertThat(this.mvc.get().uri("/api/devices").with(httpBasic(name, FIRST_PASSWORD))).hasStatusOk();
	}

	@Test
	void ownPasswordWhenChangedWithATokenOfNarrowerScopeThen403AndThePasswordStays() throws Exception {
		String name = newAccount("OPERATOR", "AUDITOR");
		MvcTestResult made = this.mvc.post()
			.uri("/api/account/tokens")
			.with(httpBasic(name, FIRST_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"read only\", \"roles\": [\"AUDITOR\"], \"expiresInDays\": 1}")
			.exchange();
		assertThat(made).hasStatus(HttpStatus.CREATED);
		String token = com.jayway.jsonpath.JsonPath.read(made.getResponse().getContentAsString(), "$.token");

		assertThat(this.mvc.post()
			.uri("/api/account/password")
			.header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"currentPassword\": \"" + FIRST_PASSWORD + "\", \"newPassword\": \"" + OWN_PASSWORD + "\"}"))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get().uri("/api/devices").with(httpBasic(name, FIRST_PASSWORD))).hasStatusOk();
	}

	@Test
	void resetWhenAnAdministratorSetsAPasswordThenTheOwnerMustChangeItAndItIsAudited() {
		String name = newAccount("OPERATOR");
		assertThat(postJson("/api/users/" + name + "/password", "{\"password\": \"reset-marble-canyon-7\"}"))
			.hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.mvc.get().uri("/api/devices").with(httpBasic(name, "reset-marble-canyon-7"))).hasStatusOk();
		assertThat(this.mvc.perform(formLogin().user(name).password("reset-marble-canyon-7")))
			.hasRedirectedUrl("/account");
		assertThat(this.jdbc.queryForObject(
				"SELECT actor FROM audit_event WHERE object_id = ? AND action = 'PASSWORD_RESET'", String.class, name))
			.isEqualTo("admin");
	}

	@Test
	void lastAdministratorWhenDisabledOrDemotedThen409() {
		String other = newAccount("ADMIN");
		// two administrators: admin and the new one; the new one may go
		assertThat(putJson("/api/users/" + other, "{\"roles\": [\"OPERATOR\"]}")).hasStatusOk();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE roles LIKE '%ADMIN%' AND enabled",
				Integer.class))
			.isGreaterThanOrEqualTo(1);
		if (this.jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE roles LIKE '%ADMIN%' AND enabled",
				Integer.class) == 1) {
			assertThat(putJson("/api/users/admin", "{\"enabled\": false}")).hasStatus(HttpStatus.CONFLICT)
				.bodyJson()
				.extractingPath("$.detail")
				.asString()
				.contains("last enabled administrator");
			assertThat(putJson("/api/users/admin", "{\"roles\": [\"OPERATOR\"]}")).hasStatus(HttpStatus.CONFLICT);
		}
		assertThat(this.mvc.get().uri("/api/users").with(admin())).hasStatusOk();
	}

	@Test
	void usersPageWhenAnAdministratorCreatesAnAccountThenListedAndItSignsIn() {
		String name = "page" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.mvc.post()
			.uri("/users")
			.with(TestAccounts.withRoles("page-admin", Role.ADMIN))
			.with(csrf())
			.param("username", name)
			.param("password", FIRST_PASSWORD)
			.param("roles", "OPERATOR", "AUDITOR")).hasRedirectedUrl("/users").flash().containsKey("message");
		assertThat(this.mvc.get().uri("/users").with(TestAccounts.withRoles("page-admin", Role.ADMIN))).hasStatusOk()
			.bodyText()
			.contains("id=\"account-" + name + "\"");
		assertThat(this.mvc.get().uri("/users").with(TestAccounts.withRoles("page-operator", Role.OPERATOR)))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get().uri("/api/devices").with(httpBasic(name, FIRST_PASSWORD))).hasStatusOk();
	}

	@Test
	void apiKeyExportWhenNoReasonThen400NamingTheHeaderAndWhenNotACustodianThen403() {
		String device = createdId(postJson("/api/devices", "{\"name\": \"reasoned-" + UUID.randomUUID() + "\"}"));
		assertThat(this.mvc.get().uri("/api/devices/" + device + "/key.pem").with(httpBasic("admin", ADMIN_PASSWORD)))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("X-Keysmith-Reason");
		String operator = newAccount("OPERATOR");
		assertThat(this.mvc.get()
			.uri("/api/devices/" + device + "/key.pem")
			.header("X-Keysmith-Reason", "I am only an operator")
			.with(httpBasic(operator, FIRST_PASSWORD))).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get()
			.uri("/api/devices/" + device + "/key.pem")
			.header("X-Keysmith-Reason", "RMA ticket 4411")
			.with(httpBasic("admin", ADMIN_PASSWORD))).hasStatusOk();
		assertThat(getAsAdmin("/api/devices/" + device + "/audit")).bodyJson()
			.extractingPath("$[0].detail")
			.isEqualTo("key.pem; reason: RMA ticket 4411");
	}

	@Test
	void confirmWhenTheSessionsSignInIsOldThenThePasswordAgainLetsTheExportThroughAndNoOtherPath() {
		String device = createdId(postJson("/api/devices", "{\"name\": \"confirm-" + UUID.randomUUID() + "\"}"));
		String page = "/devices/" + device;
		MockHttpSession session = new MockHttpSession();
		assertThat(this.mvc.post()
			.uri(page + "/key.pem")
			.session(session)
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("reason", "old session")).hasRedirectedUrl("/account/confirm?next=" + page);
		assertThat(this.mvc.get()
			.uri("/account/confirm?next=" + page)
			.session(session)
			.with(TestAccounts.everyRole("admin"))).hasStatusOk().bodyText().contains("value=\"" + page + "\"");

		assertThat(this.mvc.post()
			.uri("/account/confirm")
			.session(session)
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("password", "not-the-password")
			.param("next", page)).hasRedirectedUrl("/account/confirm?next=%2Fdevices%2F" + device);
		assertThat(this.mvc.post()
			.uri("/account/confirm")
			.session(session)
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("password", ADMIN_PASSWORD)
			.param("next", "//evil.example/steal")).hasRedirectedUrl("/");
		assertThat(this.mvc.post()
			.uri(page + "/key.pem")
			.session(session)
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("reason", "confirmed just now")).hasStatusOk().bodyText().contains("PRIVATE KEY");
	}

	@Test
	void singleSignOnAccountWhenAnAdministratorSetsAPasswordOrItConfirmsOneThenRefusedWithoutOpeningPasswordSignIn() {
		String name = "sso" + UUID.randomUUID().toString().substring(0, 8);
		this.ssoAccounts.signIn("https://idp.example", "subject-" + name, name, java.util.Set.of(Role.OPERATOR));

		assertThat(postJson("/api/users/" + name + "/password", "{\"password\": \"reset-marble-canyon-7\"}"))
			.hasStatus(HttpStatus.CONFLICT)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("single sign-on");
		assertThat(this.mvc.get().uri("/api/devices").with(httpBasic(name, "reset-marble-canyon-7")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.post()
			.uri("/account/confirm")
			.with(TestAccounts.withRoles(name, Role.OPERATOR))
			.with(csrf())
			.param("password", "anything-at-all-1")
			.param("next", "/devices")).hasStatus(HttpStatus.FOUND)
			.flash()
			.containsEntry("error", "That is not your password.");
	}

	private String newAccount(String... roles) {
		String name = "u" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(create(name, FIRST_PASSWORD, "\"" + String.join("\", \"", roles) + "\""))
			.hasStatus(HttpStatus.CREATED);
		return name;
	}

	private MvcTestResult create(String name, String password, String roles) {
		return postJson("/api/users",
				"{\"username\": \"" + name + "\", \"password\": \"" + password + "\", \"roles\": [" + roles + "]}");
	}

	private static void assertProblem(MvcTestResult result, HttpStatus status, String field) {
		assertThat(result).hasStatus(status).bodyJson().extractingPath("$.field").isEqualTo(field);
	}

}

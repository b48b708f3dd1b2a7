package dev.keysmith.thingsboard;

import java.util.UUID;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.TestAccounts;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.KeyType;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

@ThingsBoardDoubleTest(publishServerCa = true)
class ServerPagesTests extends KeysmithTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Autowired
	ThingsBoardServerService servers;

	@Autowired
	DeviceService devices;

	@Test
	void addWhenFormValidThenDetailShowsSettingsButNeverThePassword() {
		String location = addServer("page-server-" + UUID.randomUUID(), ThingsBoardDouble.TENANT_PASSWORD);
		assertThat(this.mvc.get().uri(location).with(TestAccounts.everyRole("admin"))).hasStatusOk()
			.bodyText()
			.contains(thingsBoard.baseUrl())
			.contains("tenant@thingsboard.org (password stored encrypted)")
			.contains("coaps://127.0.0.1:" + thingsBoard.coapPort())
			.doesNotContain(ThingsBoardDouble.TENANT_PASSWORD + "<");
		assertThat(this.mvc.get().uri(location + "/edit").with(TestAccounts.everyRole("admin"))).bodyText()
			.doesNotContain("value=\"" + ThingsBoardDouble.TENANT_PASSWORD + "\"")
			.contains("unchanged unless you type a new one");
		assertThat(this.mvc.get().uri("/servers").with(TestAccounts.everyRole("admin"))).bodyText()
			.contains("page-server-");
	}

	@Test
	void addWhenBadInputThenFormSaysWhyAndKeepsNoSecret() {
		MvcTestResult result = postServer("bad-url-server", "ftp://nowhere", "PASSWORD", "u", "secret-value", "");
		assertThat(result).hasStatusOk()
			.bodyText()
			.contains("must be an http:// or https:// address")
			.doesNotContain("secret-value");
		assertThat(postServer("no-password", thingsBoard.baseUrl(), "PASSWORD", "u", "", "")).bodyText()
			.contains("The password is required");
		assertThat(postServer("no-key", thingsBoard.baseUrl(), "API_KEY", "", "", "")).bodyText()
			.contains("Give a tenant administrator");
		assertThat(this.mvc.post()
			.uri("/servers")
			.param("name", "fraction-port")
			.param("url", thingsBoard.baseUrl())
			.param("authType", "PASSWORD")
			.param("username", "u")
			.param("password", "secret-value")
			.param("coapPort", "5684.5")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("The CoAP port must be a whole number between 1 and 65535, not &#39;5684.5&#39;")
			.doesNotContain("secret-value");
		assertThat(this.servers.list()).noneMatch((s) -> s.getName().equals("fraction-port"));
		assertThat(this.servers.list()).noneMatch((s) -> s.getName().equals("bad-url-server"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1$(touch /tmp/x)", "127.0.0.1;touch /tmp/x", "127.0.0.1`touch /tmp/x`",
			"127.0.0.1 && touch /tmp/x", "127.0.0.1\ntouch /tmp/x" })
	void addAndEditWhenHostileCoapHostThenFormSaysWhyAndNothingStored(String host) {
		String name = "hostile-page-" + UUID.randomUUID();
		assertThat(postServer(name, thingsBoard.baseUrl(), "PASSWORD", "u", "p", host)).hasStatusOk()
			.bodyText()
			.contains("is not a host name or an IP address");
		assertThat(this.servers.list()).noneMatch((s) -> s.getName().equals(name));

		String location = addServer(name, ThingsBoardDouble.TENANT_PASSWORD);
		UUID id = UUID.fromString(location.substring("/servers/".length()));
		assertThat(this.mvc.post()
			.uri(location)
			.param("name", name)
			.param("url", thingsBoard.baseUrl())
			.param("authType", "PASSWORD")
			.param("username", ThingsBoardDouble.TENANT_ADMIN)
			.param("coapHost", host)
			.param("coapPort", "5684")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())).hasStatusOk().bodyText().contains("is not a host name or an IP address");
		assertThat(this.servers.get(id).getCoapHost()).isEqualTo("127.0.0.1");
	}

	@Test
	void editWhenUrlMovesToAnotherHostWithoutPasswordThenFormErrorAndStoredSecretNotSent() {
		String location = addServer("page-moved-" + UUID.randomUUID(), ThingsBoardDouble.TENANT_PASSWORD);
		UUID id = UUID.fromString(location.substring("/servers/".length()));
		String name = this.servers.get(id).getName();
		assertThat(editServer(location, name, "http://127.0.0.2:" + thingsBoard.restPort())).hasStatusOk()
			.bodyText()
			.contains("The URL changed from " + thingsBoard.baseUrl() + " to http://127.0.0.2:" + thingsBoard.restPort()
					+ ": enter the password again (Keysmith does not send a stored secret to a new address)");
		assertThat(this.servers.get(id).getBaseUrl()).isEqualTo(thingsBoard.baseUrl());

		assertThat(editServer(location, name, thingsBoard.baseUrl() + "/")).hasStatus(HttpStatus.FOUND);
		assertThat(this.servers.client(this.servers.get(id)).deviceProfiles()).isNotEmpty();
	}

	@Test
	void serverCaWhenFetchedThenShownAndTrustedOnlyAfterConfirmation() {
		String location = addServer("ca-server-" + UUID.randomUUID(), ThingsBoardDouble.TENANT_PASSWORD);
		UUID id = UUID.fromString(location.substring("/servers/".length()));
		String fingerprint = Fingerprints.sha256(thingsBoard.serverCa());

		assertThat(this.mvc.post().uri(location + "/ca/fetch").with(TestAccounts.everyRole("admin")).with(csrf()))
			.hasStatus(HttpStatus.FOUND);
		assertThat(this.servers.get(id).getServerCaPem()).isNull();
		assertThat(this.mvc.get().uri(location).with(TestAccounts.everyRole("admin"))).bodyText()
			.contains("Waiting for your confirmation")
			.contains(fingerprint)
			.contains("CN=ThingsBoard double CA");

		assertThat(this.mvc.post()
			.uri(location + "/ca/confirm")
			.param("sha256Fingerprint", "AB:CD")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())).flash().containsKey("error");
		assertThat(this.servers.get(id).getServerCaPem()).isNull();

		this.mvc.post()
			.uri(location + "/ca/confirm")
			.param("sha256Fingerprint", fingerprint)
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.exchange();
		assertThat(this.servers.get(id).getServerCaPem()).contains("BEGIN CERTIFICATE");
		assertThat(this.mvc.get().uri(location).with(TestAccounts.everyRole("admin"))).bodyText()
			.contains("Trusted since");
	}

	@Test
	void serverCaWhenPastedGarbageThenErrorAndNothingKept() {
		String location = addServer("paste-ca-" + UUID.randomUUID(), ThingsBoardDouble.TENANT_PASSWORD);
		assertThat(this.mvc.post()
			.uri(location + "/ca")
			.param("serverCaPem", "not a certificate")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())).flash()
			.containsEntry("error", "The server CA must be a PEM certificate ('-----BEGIN CERTIFICATE-----')");
	}

	@Test
	void pushPanelWhenPushedWithHtmxThenShowsProofAndPlacement() {
		String location = addServer("push-panel-" + UUID.randomUUID(), ThingsBoardDouble.TENANT_PASSWORD);
		UUID serverId = UUID.fromString(location.substring("/servers/".length()));
		Device device = this.devices.create("panel-device-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");

		assertThat(
				this.mvc.get().uri("/devices/" + device.getId() + "/thingsboard").with(TestAccounts.everyRole("admin")))
			.hasStatusOk()
			.bodyText()
			.contains("Not pushed to any ThingsBoard server yet")
			.contains("Push certificate to ThingsBoard");

		MvcTestResult pushed = this.mvc.post()
			.uri("/devices/" + device.getId() + "/push")
			.header("HX-Request", "true")
			.param("serverId", serverId.toString())
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.exchange();
		String tbId = thingsBoard.device(device.getName()).orElseThrow().id;
		assertThat(pushed).hasStatusOk()
			.bodyText()
			.contains("Device created in ThingsBoard and proven")
			.contains(device.getCredentialsId())
			.contains(tbId)
			.contains(thingsBoard.baseUrl() + "/entities/devices/" + tbId)
			.doesNotContain("<html");
		assertThat(this.mvc.get().uri("/devices?q=" + device.getName()).with(TestAccounts.everyRole("admin")))
			.bodyText()
			.containsPattern("pushed \\d{4}-\\d{2}-\\d{2}");
	}

	@Test
	void pushProfilesWhenServerChosenThenItsProfilesWithMqttOnesDisabled() {
		String location = addServer("profiles-" + UUID.randomUUID(), ThingsBoardDouble.TENANT_PASSWORD);
		UUID serverId = UUID.fromString(location.substring("/servers/".length()));
		assertThat(this.mvc.get()
			.uri("/devices/push/profiles?serverId=" + serverId)
			.header("HX-Request", "true")
			.with(TestAccounts.everyRole("admin"))).hasStatusOk()
			.bodyText()
			.contains("the server's default")
			.contains(">default</option>")
			.contains("disabled")
			.contains("mqtt-only (MQTT: refuses CoAP devices)");
	}

	@Test
	void pushWhenFailingWithoutHtmxThenRedirectWithPlainError() {
		UUID serverId = this.servers
			.create(new ServerSettings("down-" + UUID.randomUUID(), "http://127.0.0.1:9", "u", "p", null, null, null,
					null, null, null, null))
			.getId();
		Device device = this.devices.create("push-down-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		assertThat(this.mvc.post()
			.uri("/devices/" + device.getId() + "/push")
			.param("serverId", serverId.toString())
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())).hasStatus(HttpStatus.FOUND)
			.flash()
			.hasEntrySatisfying("error", (message) -> assertThat(message).asString().contains("cannot be reached"));
	}

	private String addServer(String name, String password) {
		MvcTestResult result = postServer(name, thingsBoard.baseUrl(), "PASSWORD", ThingsBoardDouble.TENANT_ADMIN,
				password, "127.0.0.1");
		assertThat(result).hasStatus(HttpStatus.FOUND);
		return result.getResponse().getRedirectedUrl();
	}

	/** Saves the edit form with the password left empty, as the page shows it. */
	private MvcTestResult editServer(String location, String name, String url) {
		return this.mvc.post()
			.uri(location)
			.param("name", name)
			.param("url", url)
			.param("authType", "PASSWORD")
			.param("username", ThingsBoardDouble.TENANT_ADMIN)
			.param("password", "")
			.param("coapHost", "127.0.0.1")
			.param("coapPort", String.valueOf(thingsBoard.coapPort()))
			.param("verifyHostName", "true")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.exchange();
	}

	private MvcTestResult postServer(String name, String url, String authType, String username, String password,
			String coapHost) {
		return this.mvc.post()
			.uri("/servers")
			.param("name", name)
			.param("url", url)
			.param("authType", authType)
			.param("username", username)
			.param("password", password)
			.param("coapHost", coapHost)
			.param("coapPort", String.valueOf(thingsBoard.coapPort()))
			.param("verifyHostName", "true")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.exchange();
	}

}

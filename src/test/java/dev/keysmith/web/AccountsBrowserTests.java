package dev.keysmith.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.KeyType;
import dev.keysmith.testkit.Browser;
import dev.keysmith.testkit.NeedsBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts in real headless Chromium: an administrator makes an account on the Users
 * page, its owner signs in with the first password, must choose their own, and as a
 * custodian exports a private key with a reason that lands in the audit trail.
 * Screenshots under target/screenshots.
 */
@NeedsBrowser
class AccountsBrowserTests extends KeysmithTestSupport {

	static Browser browser;

	@LocalServerPort
	int port;

	@Autowired
	DeviceService devices;

	@BeforeAll
	static void start() {
		browser = new Browser();
	}

	@AfterAll
	static void stop() {
		browser.close();
	}

	@AfterEach
	void lastScreen() {
		shot("99-end");
	}

	@Test
	void adminCreatesACustodianWhoChoosesAPasswordAndExportsAKeyWithAReason() throws Exception {
		String name = "carol" + UUID.randomUUID().toString().substring(0, 6);
		Device device = this.devices.create("valve-" + UUID.randomUUID().toString().substring(0, 8), KeyType.EC_P256,
				30, "admin");

		logIn("admin", ADMIN_PASSWORD);
		browser.find("nav a[href='/users']").click();
		browser.find("#new-account input[name=username]").sendKeys(name);
		browser.find("#new-account input[name=password]").sendKeys("first-tulip-radar-9");
		browser.find("#new-account input[value=OPERATOR]").click();
		browser.find("#new-account input[value=CUSTODIAN]").click();
		shot("01-new-account");
		browser.find("#create-account").click();
		browser.until((d) -> d.getPageSource().contains("account-" + name), Duration.ofSeconds(10));
		assertThat(browser.find("#account-" + name).getText()).contains("to be changed at the next sign-in");
		shot("02-users");
		browser.find("#logout").click();
		browser.until((d) -> d.getCurrentUrl().endsWith("/login?logout"), Duration.ofSeconds(10));

		logIn(name, "first-tulip-radar-9");
		browser.until((d) -> d.getCurrentUrl().endsWith("/account"), Duration.ofSeconds(10));
		assertThat(browser.find("#must-change").getText()).contains("choose your own");
		assertThat(browser.driver().findElements(org.openqa.selenium.By.cssSelector("nav a[href='/users']"))).isEmpty();
		browser.open(url("/devices/" + device.getId()));
		assertThat(browser.driver().getCurrentUrl()).endsWith("/account");
		shot("03-must-change");
		browser.find("input[name=currentPassword]").sendKeys("first-tulip-radar-9");
		browser.find("input[name=newPassword]").sendKeys("own-gravel-lantern-4");
		browser.find("input[name=repeatPassword]").sendKeys("own-gravel-lantern-4");
		browser.find("#change-password button[type=submit]").click();
		browser.until((d) -> d.getPageSource().contains("Your password is changed."), Duration.ofSeconds(10));

		browser.open(url("/devices/" + device.getId()));
		browser.find("#key-reason").sendKeys("RMA 4411: replacement board");
		shot("04-export-with-reason");
		browser.find("#download-key").click();
		Path key = browser.until((d) -> downloaded("key.pem"), Duration.ofSeconds(15));
		assertThat(Files.readString(key, StandardCharsets.US_ASCII)).contains("PRIVATE KEY");
		browser.open(url("/devices/" + device.getId()));
		assertThat(browser.text()).contains("exported the private key")
			.contains("key.pem; reason: RMA 4411: replacement board")
			.contains(name);
		shot("05-audited");
	}

	private void logIn(String username, String password) {
		browser.driver().manage().deleteAllCookies();
		browser.open(url("/login"));
		browser.signIn(username, password);
	}

	private Path downloaded(String fileName) {
		try (Stream<Path> files = Files.list(browser.downloads())) {
			return files.filter((f) -> f.getFileName().toString().equals(fileName)).findFirst().orElse(null);
		}
		catch (java.io.IOException ex) {
			return null;
		}
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private void shot(String step) {
		browser.screenshot(getClass().getSimpleName() + "-" + step);
	}

}

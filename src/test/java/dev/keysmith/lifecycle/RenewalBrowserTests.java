package dev.keysmith.lifecycle;

import java.time.Duration;
import java.util.UUID;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.KeyType;
import dev.keysmith.push.PushService;
import dev.keysmith.testkit.Browser;
import dev.keysmith.testkit.NeedsBrowser;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A renewal in headless Chromium, from the device page: the run's steps arrive on its
 * page without a reload, the verdict carries the caveat, and the device's certificate
 * history shows the new certificate ACTIVE and the old one RETIRED. Screenshots under
 * target/screenshots.
 */
@NeedsBrowser
@ThingsBoardDoubleTest(publishServerCa = true)
class RenewalBrowserTests extends KeysmithTestSupport {

	static ThingsBoardDouble thingsBoard;

	static Browser browser;

	@LocalServerPort
	int port;

	@Autowired
	ThingsBoardServerService servers;

	@Autowired
	DeviceService devices;

	@Autowired
	PushService push;

	@BeforeAll
	static void start() {
		browser = new Browser();
	}

	@AfterAll
	static void stop() {
		browser.close();
	}

	@Test
	void operatorRenewsFromTheDevicePageWatchesTheRunLiveAndSeesTheHistory() {
		UUID serverId = this.servers.create(thingsBoard.serverSettings("renewal-web")).getId();
		this.servers.fetchServerCa(serverId);
		this.servers.confirmServerCa(serverId, Fingerprints.sha256(thingsBoard.serverCa()));
		Device device = this.devices.create("renew-web-" + UUID.randomUUID().toString().substring(0, 8),
				KeyType.EC_P256, 30, "admin");
		this.push.push(device.getId(), serverId, null, "admin");
		// every REST answer takes a while, so that the run's steps come one by one
		thingsBoard.slowDown(Duration.ofMillis(400));

		logIn("/devices/" + device.getId());
		browser.until((d) -> !d.findElements(By.id("renew")).isEmpty(), Duration.ofSeconds(20));
		browser.find("#renew-activate").click();
		shot("01-device");
		browser.find("#renew").click();
		browser.until((d) -> d.getCurrentUrl().matches(".*/runs/[0-9a-f-]{36}"), Duration.ofSeconds(20));
		((JavascriptExecutor) browser.driver()).executeScript("window.keysmithNoReload = true;");
		assertThat(browser.find("#verdict").getDomAttribute("data-status")).isEqualTo("RUNNING");
		browser.until((d) -> "PASSED".equals(d.findElement(By.id("step-1")).getDomAttribute("data-status")),
				Duration.ofSeconds(60));
		shot("02-run-live");
		browser.until((d) -> "PASSED".equals(d.findElement(By.id("verdict")).getDomAttribute("data-status")),
				Duration.ofSeconds(90));
		assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.keysmithNoReload === true;"))
			.as("the steps arrived without a reload")
			.isEqualTo(true);
		assertThat(browser.find("#step-2").getDomAttribute("data-status")).isEqualTo("PASSED");
		assertThat(browser.find("#step-3").getDomAttribute("data-status")).isEqualTo("PASSED");
		assertThat(browser.find("#step-5").getDomAttribute("data-status")).isEqualTo("SKIPPED");
		assertThat(browser.find("#caveat").getText()).contains("TB_COAP_X509_DTLS_SESSION_INACTIVITY_TIMEOUT");
		shot("03-run-done");

		browser.find("#verdict a").click();
		browser.until((d) -> !d.findElements(By.cssSelector("#certificates tr[data-state=RETIRED]")).isEmpty(),
				Duration.ofSeconds(20));
		assertThat(browser.driver().findElements(By.cssSelector("#certificates tr[data-state]")))
			.extracting((row) -> row.getDomAttribute("data-state"))
			.containsExactly("ACTIVE", "RETIRED");
		browser.until((d) -> !d.findElements(By.cssSelector("#lifecycle-runs")).isEmpty(), Duration.ofSeconds(20));
		assertThat(browser.find("#lifecycle-runs").getText()).contains("Renewal").contains("PASSED");
		browser.find("#certificates").click();
		shot("04-history");
	}

	private void logIn(String path) {
		browser.driver().manage().deleteAllCookies();
		browser.open(url(path));
		browser.signIn("admin", ADMIN_PASSWORD);
		browser.until((d) -> d.getCurrentUrl().contains(path), Duration.ofSeconds(10));
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private void shot(String step) {
		browser.screenshot("RenewalBrowserTests-" + step);
	}

}

package dev.keysmith.expiry;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.keysmith.testkit.Browser;
import dev.keysmith.testkit.NeedsBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in headless Chromium: it is the home page after sign-in, its counts open
 * the device list filtered that way, and the webhook settings keep the secret unshown.
 * Each test leaves screenshots under target/screenshots.
 */
@NeedsBrowser
class DashboardBrowserTests extends ExpiryTestSupport {

	static Browser browser;

	@LocalServerPort
	int port;

	private String test;

	@BeforeAll
	static void start() {
		browser = new Browser();
	}

	@AfterAll
	static void stop() {
		browser.close();
	}

	@BeforeEach
	void logIn(TestInfo info) {
		this.test = info.getTestMethod().orElseThrow().getName();
		browser.driver().manage().deleteAllCookies();
		browser.open(url("/login"));
		browser.signIn("admin", ADMIN_PASSWORD);
		browser.until((d) -> d.getPageSource().contains("Certificates by time left"), Duration.ofSeconds(10));
	}

	@AfterEach
	void lastScreen() {
		shot("99-end");
	}

	@Test
	void dashboardWhenSignedInThenHomeAndItsCountsOpenTheFilteredDeviceList() {
		UUID server = UUID.randomUUID();
		String prefix = unique("screen");
		UUID soon = device(prefix + "-soon", 3);
		UUID month = device(prefix + "-month", 20);
		device(prefix + "-year", 365);
		pushedTo(soon, server);
		pushedTo(month, server);
		browser.open(url("/"));
		assertThat(browser.driver().getCurrentUrl()).isEqualTo(url("/"));
		shot("01-dashboard");

		// the server's row (a server Keysmith does not know: "a deleted server") has
		// links naming it
		List<WebElement> links = browser.driver()
			.findElements(By.cssSelector("#expiry-windows td[data-window='WITHIN_7_DAYS'] a[href*='" + server + "']"));
		assertThat(links).singleElement().satisfies((link) -> assertThat(link.getText()).isEqualTo("1"));
		links.get(0).click();
		browser.until((d) -> d.getCurrentUrl().contains("/devices?"), Duration.ofSeconds(10));
		shot("02-filtered-list");

		String text = browser.text();
		assertThat(text).contains(prefix + "-soon").doesNotContain(prefix + "-month").doesNotContain(prefix + "-year");
		assertThat(browser.find("#filter-summary").getText())
			.isEqualTo("Certificates not expired that end within 7 days, on a server Keysmith no longer knows: 1");
		assertThat(browser.find("select[name=sort]").getAttribute("value")).isEqualTo("daysLeft");

		// widen the filter on the page: 30 days, soonest first
		WebElement within = browser.find("input[name=expiresWithinDays]");
		within.clear();
		within.sendKeys("30");
		browser.find("#apply-filter").click();
		browser.until((d) -> d.getPageSource().contains(prefix + "-month"), Duration.ofSeconds(10));
		shot("03-within-30-days");
		String list = browser.find("#results").getText();
		assertThat(list.indexOf(prefix + "-soon")).isLessThan(list.indexOf(prefix + "-month"));
		// the server filter went along with the new bound
		assertThat(browser.find("#filter-summary").getText())
			.isEqualTo("Certificates not expired that end within 30 days, on a server Keysmith no longer knows: 2");
	}

	@Test
	void webhookSettingsWhenSavedThenTheSecretIsSetButNeverShown() {
		String secret = "browser-webhook-secret-" + UUID.randomUUID();
		browser.find("a[href='/settings/webhook']").click();
		browser.until((d) -> d.getPageSource().contains("Expiry notices"), Duration.ofSeconds(10));
		WebElement url = browser.find("input[name=url]");
		url.clear();
		url.sendKeys("https://hooks.example.com/keysmith");
		browser.find("input[name=secret]").sendKeys(secret);
		shot("01-webhook-form");
		browser.find("#save-webhook").click();
		browser.until((d) -> d.getPageSource().contains("Webhook saved"), Duration.ofSeconds(10));
		shot("02-webhook-saved");

		assertThat(browser.find("#secret-state").getText()).contains("set: unchanged");
		assertThat(browser.driver().getPageSource()).doesNotContain(secret);
		assertThat(browser.find("input[name=secret]").getAttribute("value")).isEmpty();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private void shot(String step) {
		browser.screenshot(getClass().getSimpleName() + "-" + this.test + "-" + step);
	}

}

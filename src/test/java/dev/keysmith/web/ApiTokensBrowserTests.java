package dev.keysmith.web;

import java.time.Duration;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.testkit.Browser;
import dev.keysmith.testkit.NeedsBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API tokens page and the OpenAPI UI in real headless Chromium, under the pages'
 * content security policy; screenshots under target/screenshots.
 */
@NeedsBrowser
class ApiTokensBrowserTests extends KeysmithTestSupport {

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
		browser.open(url("/account/tokens"));
		assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
		browser.signIn("admin", ADMIN_PASSWORD);
		// back where the login was asked for (Spring Security adds "?continue")
		browser.until((d) -> d.getCurrentUrl().matches(".*/account/tokens(\\?continue)?"), Duration.ofSeconds(10));
		shot("00-signed-in");
	}

	@Test
	void tokensPageWhenTokenMadeThenShownOnceThenListedWithoutIt() {
		browser.find("#token-form input[name=name]").sendKeys("browser script");
		browser.find("#token-form input[name=roles][value=OPERATOR]").click();
		shot("01-form");
		browser.find("#create-token").click();
		String token = browser.find("#new-token").getDomProperty("value");
		assertThat(token).matches("ks_[0-9a-f]{32}_[A-Za-z0-9_-]{43}");
		shot("02-made");
		assertThat(browser.find("#tokens").getText()).contains("browser script").contains("OPERATOR");

		browser.open(url("/account/tokens"));
		assertThat(browser.driver().getPageSource()).contains("browser script")
			.doesNotContain(token.substring(token.length() - 43));
		assertThat(browser.driver().findElements(By.id("new-token"))).isEmpty();
	}

	@Test
	void swaggerUiWhenSignedInThenTheApiIsListedUnderThePagesPolicy() {
		browser.open(url("/swagger-ui.html"));
		// rendered by its scripts, from the description it fetched: none of it blocked
		browser.until(
				(d) -> !d.findElements(By.cssSelector(".opblock-summary-path[data-path='/api/devices']")).isEmpty(),
				Duration.ofSeconds(20));
		shot("01-swagger-ui");
		assertThat(browser.text()).contains("Keysmith API").contains("/api/account/tokens");
		// its stylesheet applied: a GET operation is drawn in its blue
		String border = browser.find(".opblock.opblock-get").getCssValue("border-color");
		assertThat(border).isEqualTo("rgb(97, 175, 254)");
		assertThat(browser.find(".swagger-ui .btn.authorize").isDisplayed()).isTrue();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private void shot(String step) {
		browser.screenshot(getClass().getSimpleName() + "-" + this.test + "-" + step);
	}

}

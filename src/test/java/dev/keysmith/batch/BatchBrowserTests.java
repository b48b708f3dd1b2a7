package dev.keysmith.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.KeyType;
import dev.keysmith.push.PushService;
import dev.keysmith.testkit.Browser;
import dev.keysmith.testkit.NeedsBrowser;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.TrustedServers;
import dev.keysmith.thingsboard.ServerSettings;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch started from a CSV in headless Chromium: the bad row is listed, the batch
 * starts with the valid rows, its progress moves on the page without a reload, and its
 * failures are grouped by cause; a renewal of everything expiring on a server, started
 * from the dashboard and watched live. Screenshots under target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "keysmith.batch.max-rate=4", "keysmith.verify.read-back-timeout=3s",
				// a database of its own: the batch engines of the JVM's other test
				// contexts
				// would work these batches too, one of them with its clock moved days on
				// (to
				// which every other instance looks gone, its leases free to take)
				"spring.datasource.url=jdbc:h2:file:${keysmith.data-dir}/keysmith-batch-browser-tests;"
						+ "AUTO_SERVER=FALSE;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE" })
@NeedsBrowser
class BatchBrowserTests extends KeysmithTestSupport {

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

	@TempDir
	Path dir;

	@BeforeAll
	static void start() {
		thingsBoard = ThingsBoardDouble.start().publishServerCa();
		browser = new Browser();
	}

	@AfterAll
	static void stop() {
		browser.close();
		thingsBoard.close();
	}

	@Test
	void operatorStartsBatchFromCsvWatchesItLiveAndOpensItsFailures() throws Exception {
		String serverName = "batch-tb-" + UUID.randomUUID().toString().substring(0, 8);
		UUID serverId = TrustedServers.add(this.servers, thingsBoard,
				new ServerSettings(serverName, thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_ADMIN,
						ThingsBoardDouble.TENANT_PASSWORD, null, "127.0.0.1", thingsBoard.coapPort(), null, true, null,
						null));
		String prefix = "web-" + UUID.randomUUID().toString().substring(0, 6) + "-";
		this.devices.create(prefix + "taken", KeyType.EC_P256, 30, "admin");
		StringBuilder csv = new StringBuilder("\uFEFFlabel;name\n");
		for (int i = 1; i <= 24; i++) {
			csv.append("Boiler ").append(i).append(';').append(prefix).append(i).append('\n');
		}
		csv.append("dup;").append(prefix).append("1\n").append("taken;").append(prefix).append("taken\n");
		Path file = Files.writeString(this.dir.resolve("devices.csv"), csv);

		logIn();
		browser.find("nav a[href='/batches']").click();
		browser.find("#new-batch").click();
		fill(file, serverName);
		shot("02-form");
		browser.find("#start-batch").click();
		browser.until((d) -> !d.findElements(By.id("bad-rows")).isEmpty(), Duration.ofSeconds(20));
		assertThat(browser.find("#bad-rows").getText()).contains("26").contains("The same name as line 2");
		shot("03-bad-row");

		fill(file, serverName);
		browser.find("input[name=validRowsOnly]").click();
		browser.find("#start-batch").click();
		browser.until((d) -> d.getCurrentUrl().matches(".*/batches/[0-9a-f-]{36}"), Duration.ofSeconds(20));
		((JavascriptExecutor) browser.driver()).executeScript("window.keysmithNoReload = true;");
		int first = value("stage-VERIFY");
		shot("04-started");
		browser.until((d) -> value("stage-VERIFY") > first + 2, Duration.ofSeconds(60));
		shot("05-moving");
		assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.keysmithNoReload === true;"))
			.as("the progress moved without a reload")
			.isEqualTo(true);
		browser.until((d) -> "COMPLETED".equals(d.findElement(By.id("batch-progress")).getDomAttribute("data-state")),
				Duration.ofSeconds(90));
		assertThat(value("stage-VERIFY")).isEqualTo(24);
		assertThat(browser.find("#failures").getText()).contains("NAME_TAKEN")
			.contains("A Keysmith device of this name already exists.")
			.contains(prefix + "taken");
		browser.find("#failures summary").click();
		browser.find("#failures summary").click();
		shot("06-failures");
	}

	@Test
	void operatorRenewsEverythingExpiringOnAServerFromTheDashboardAndWatchesItLive() {
		String serverName = "renew-tb-" + UUID.randomUUID().toString().substring(0, 8);
		UUID serverId = TrustedServers.add(this.servers, thingsBoard,
				new ServerSettings(serverName, thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_ADMIN,
						ThingsBoardDouble.TENANT_PASSWORD, null, "127.0.0.1", thingsBoard.coapPort(), null, true, null,
						null));
		String prefix = "renew-web-" + UUID.randomUUID().toString().substring(0, 6) + "-";
		List<UUID> ids = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			UUID id = this.devices.create(prefix + i, KeyType.EC_P256, 5, "admin").getId();
			this.push.push(id, serverId, null, "admin");
			ids.add(id);
		}

		logIn();
		browser.open(url("/"));
		browser.find("#renew-30").click();
		new Select(browser.find("select[name=serverId]")).selectByVisibleText(serverName);
		browser.until((d) -> d.findElement(By.id("renew-count")).getText().startsWith("3 devices"),
				Duration.ofSeconds(10));
		browser.find("#renew-activate").click();
		browser.find("#renew-in-one-go").click();
		shot("07-renew-form");
		browser.find("#start-renewal").click();
		browser.until((d) -> d.getCurrentUrl().matches(".*/batches/[0-9a-f-]{36}"), Duration.ofSeconds(20));
		((JavascriptExecutor) browser.driver()).executeScript("window.keysmithNoReload = true;");
		browser.until((d) -> "COMPLETED".equals(d.findElement(By.id("batch-progress")).getDomAttribute("data-state")),
				Duration.ofSeconds(90));
		assertThat(value("stage-RENEW")).isEqualTo(3);
		assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.keysmithNoReload === true;"))
			.as("the progress moved without a reload")
			.isEqualTo(true);
		assertThat(browser.find("#counts").getText()).contains("RENEWED");
		shot("08-renewed");
		for (UUID id : ids) {
			Device device = this.devices.get(id);
			assertThat(device.credentialHistory()).hasSize(2);
			assertThat(device.getNotAfter()).isAfter(Instant.now().plus(Duration.ofDays(300)));
			assertThat(thingsBoard.device(device.getName()).orElseThrow().credentials.credentialsId)
				.isEqualTo(device.getCredentialsId());
		}
	}

	private void fill(Path file, String serverName) {
		browser.find("input[name=source][value=CSV]").click();
		browser.find("input[name=file]").sendKeys(file.toString());
		new Select(browser.find("select[name=serverId]")).selectByVisibleText(serverName);
	}

	/**
	 * A progress bar's value; the live page may swap the bar between finding and reading
	 * it: find it again.
	 */
	private int value(String id) {
		for (int attempt = 1;; attempt++) {
			try {
				return Integer.parseInt(browser.driver().findElement(By.id(id)).getDomProperty("value"));
			}
			catch (StaleElementReferenceException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

	private void logIn() {
		browser.driver().manage().deleteAllCookies();
		browser.open(url("/batches"));
		browser.signIn("admin", ADMIN_PASSWORD);
		browser.until((d) -> d.getCurrentUrl().matches(".*/batches(\\?.*)?"), Duration.ofSeconds(10));
		shot("01-batches");
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private void shot(String step) {
		browser.screenshot("BatchBrowserTests-" + step);
	}

}

package dev.keysmith.web;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.push.PushService;
import dev.keysmith.testkit.Browser;
import dev.keysmith.testkit.NeedsBrowser;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.thingsboard.ServerSettings;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.verify.VerificationService;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keysmith in real headless Chromium, against the ThingsBoard double: what an operator
 * does, click by click. Each test leaves screenshots under target/screenshots.
 */
@ThingsBoardDoubleTest(publishServerCa = true)
@NeedsBrowser
class BrowserTests extends KeysmithTestSupport {

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

	@Autowired
	VerificationService verifications;

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
		browser.open(url("/devices"));
		assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
		shot("01-login");
		browser.signIn("admin", ADMIN_PASSWORD);
		browser.until((d) -> d.getCurrentUrl().matches(".*/devices(\\?.*)?"), Duration.ofSeconds(10));
	}

	@org.junit.jupiter.api.AfterEach
	void lastScreen() {
		// what the page showed when the test ended, passed or failed
		shot("99-end");
	}

	@Test
	void operatorAddsServerCreatesDevicePushesVerifiesDownloadsAndLogsOut() throws Exception {
		String serverName = "tb-" + UUID.randomUUID().toString().substring(0, 8);
		addServerAndTrustItsCa(serverName);

		String deviceName = "boiler-" + UUID.randomUUID().toString().substring(0, 8);
		browser.find("nav a[href='/devices/new']").click();
		browser.find("input[name=name]").sendKeys(deviceName);
		new Select(browser.find("select[name=keyType]")).selectByVisibleText("EC P-256");
		shot("02-new-device");
		browser.find("main form button[type=submit]").click();
		browser.until((d) -> d.getPageSource().contains("CN=" + deviceName), Duration.ofSeconds(10));
		assertThat(browser.text()).contains("created with a new EC P-256 key").contains("SHA-256 fingerprint");
		String devicePage = browser.driver().getCurrentUrl();

		// the ThingsBoard panel arrives through htmx; the push goes out with the CSRF
		// header
		new Select(browser.find("#thingsboard-panel select[name=serverId]")).selectByVisibleText(serverName);
		browser.find("#push").click();
		browser.until((d) -> d.findElement(By.id("thingsboard-panel")).getText().contains("and proven"),
				Duration.ofSeconds(15));
		shot("03-pushed");
		assertThat(browser.find("#thingsboard-panel").getText()).contains(serverName).contains("Pushed");

		new Select(browser.find("#verify-panel select[name=serverId]")).selectByVisibleText(serverName);
		browser.find("#verify").click();
		browser.until((d) -> d.getCurrentUrl().contains("/verifications/"), Duration.ofSeconds(10));
		// steps change in place as they happen, until the verdict
		browser.until((d) -> !d.findElements(By.cssSelector("li.step[data-status=PASSED]")).isEmpty(),
				Duration.ofSeconds(15));
		shot("04-verification-live");
		browser.until((d) -> "PASSED".equals(d.findElement(By.id("verdict")).getAttribute("data-status")),
				Duration.ofSeconds(30));
		shot("05-verification-passed");
		List<WebElement> steps = browser.driver().findElements(By.cssSelector("ol.steps li.step"));
		assertThat(steps).hasSize(7)
			.allSatisfy((step) -> assertThat(step.getAttribute("data-status")).isEqualTo("PASSED"));
		assertThat(browser.find("#verdict").getText()).contains("Passed").contains(deviceName);

		browser.open(devicePage);
		browser.find("input[name=p12Password]").sendKeys("bundle-pass-123");
		browser.find("#bundle-reason").sendKeys("first flash of the boiler");
		browser.find("#download-bundle").click();
		Path bundle = browser.until((d) -> downloaded(deviceName + "-bundle.zip"), Duration.ofSeconds(15));
		Map<String, byte[]> files = unzip(Files.readAllBytes(bundle));
		assertThat(files.keySet()).containsExactlyInAnyOrder("key.pem", "key.pkcs8.pem", "cert.pem", "cert.der",
				"device.p12", "ca.pem", "firmware/credentials.h", "README.txt");
		assertThat(new String(files.get("README.txt"), StandardCharsets.UTF_8))
			.contains("coaps://127.0.0.1:" + thingsBoard.coapPort() + "/api/v1/telemetry");
		browser.open(devicePage);
		assertThat(browser.find("table").getText()).isNotNull();
		browser.until((d) -> d.getPageSource().contains("exported the bundle with the private key"),
				Duration.ofSeconds(5));
		assertThat(browser.text()).contains("reason: first flash of the boiler");
		shot("06-device-after-download");

		browser.find("#logout").click();
		browser.until((d) -> d.getCurrentUrl().endsWith("/login?logout"), Duration.ofSeconds(10));
		assertThat(browser.text()).contains("You have logged out.");
		shot("07-logged-out");
		browser.open(url("/devices"));
		assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
	}

	@Test
	void operatorImportsACertificateWithItsKey() {
		IssuedCredential credential = new CertificateIssuer().issue(KeyType.EC_P384, "imported-" + UUID.randomUUID(),
				90);
		browser.find("nav a[href='/devices/import']").click();
		paste("textarea[name=certificateText]", PemCodec.certificate(credential.certificate()));
		paste("textarea[name=keyText]", PemCodec.pkcs8PrivateKey(credential));
		shot("01-import-form");
		browser.find("form[action='/devices/import'] button[type=submit]").click();
		browser.until((d) -> d.getPageSource().contains("imported with its private key"), Duration.ofSeconds(10));
		shot("02-imported");
		assertThat(browser.text()).contains("EC P-384").contains("Held by Keysmith, encrypted");
	}

	@Test
	void operatorSeesWhyABadImportIsRefusedAndKeepsTheText() {
		CertificateIssuer issuer = new CertificateIssuer();
		String chain = PemCodec.certificate(issuer.issue(KeyType.EC_P256, "leaf", 30).certificate())
				+ PemCodec.certificate(issuer.issue(KeyType.EC_P256, "ca", 30).certificate());
		browser.find("nav a[href='/devices/import']").click();
		paste("textarea[name=certificateText]", chain);
		browser.find("form[action='/devices/import'] button[type=submit]").click();
		WebElement error = browser.find(".flash-error");
		shot("01-refused");
		assertThat(error.getText()).contains("holds 2 certificates").contains("ThingsBoard matches only");
		assertThat(browser.find("textarea[name=certificateText]").getAttribute("value")).contains("BEGIN CERTIFICATE");
	}

	@Test
	void operatorSeesAFailedVerificationExplained() {
		String serverName = "tb-fail-" + UUID.randomUUID().toString().substring(0, 8);
		addServerAndTrustItsCa(serverName);
		String deviceName = "unpushed-" + UUID.randomUUID().toString().substring(0, 8);
		browser.find("nav a[href='/devices/new']").click();
		browser.find("input[name=name]").sendKeys(deviceName);
		browser.find("main form button[type=submit]").click();
		browser.until((d) -> d.getPageSource().contains("CN=" + deviceName), Duration.ofSeconds(10));

		new Select(browser.find("#verify-panel select[name=serverId]")).selectByVisibleText(serverName);
		browser.find("#verify").click();
		browser.until((d) -> "FAILED".equals(d.findElement(By.id("verdict")).getAttribute("data-status")),
				Duration.ofSeconds(30));
		WebElement failed = browser.find("li.step[data-status=FAILED]");
		failed.findElement(By.tagName("summary")).click();
		shot("01-verification-failed");
		assertThat(failed.getText()).contains("Post telemetry")
			.contains("4.01")
			.contains("response: 4.01 UNAUTHORIZED");
		assertThat(browser.find("#verdict").getText()).contains("Failed").contains("not registered with this server");
	}

	@Test
	void pagesNeverScrollSidewaysFromPhoneToDesktopWidths() {
		// long unbroken strings where operators put them: a 64-character name,
		// fingerprints, pasted text
		String deviceName = "sensor-" + UUID.randomUUID().toString().replace("-", "") + "-" + "x".repeat(24);
		String serverName = "tb-" + UUID.randomUUID().toString().replace("-", "");
		UUID serverId = this.servers
			.create(new ServerSettings(serverName, thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_ADMIN,
					ThingsBoardDouble.TENANT_PASSWORD, null, "127.0.0.1", thingsBoard.coapPort(), null, null,
					PemCodec.certificate(thingsBoard.serverCa()), Fingerprints.sha256(thingsBoard.serverCa())))
			.getId();
		Device device = this.devices.create(deviceName, KeyType.EC_P256, 30, "admin");
		this.push.push(device.getId(), serverId, null, "admin");
		UUID runId = this.verifications.start(device.getId(), serverId, null, "admin").id();
		browser.until((d) -> this.verifications.get(runId).finished(), Duration.ofSeconds(30));

		SoftAssertions fits = new SoftAssertions();
		try {
			assertFitsEveryWidth(fits, "devices", "main", () -> browser.open(url("/devices?q=" + deviceName)));
			assertFitsEveryWidth(fits, "device", "main", () -> {
				browser.open(url("/devices/" + device.getId()));
				browser.find("#verify-panel select[name=serverId]");
			});
			assertFitsEveryWidth(fits, "import-refused", ".flash-error", () -> {
				browser.open(url("/devices/import"));
				paste("textarea[name=certificateText]", "-----BEGIN CERTIFICATE----- " + "QUJD".repeat(300));
				browser.find("form[action='/devices/import'] button[type=submit]").click();
				browser.find(".flash-error");
			});
			assertFitsEveryWidth(fits, "server-checked", "#check-results", () -> {
				browser.open(url("/servers/" + serverId));
				browser.find("#run-check").click();
				browser.until((d) -> d.findElement(By.id("check-results")).getText().contains("CoAP over DTLS"),
						Duration.ofSeconds(20));
				assertThat(browser.find("#check-results").getText()).containsPattern("([0-9A-F]{2}:){31}[0-9A-F]{2}");
			});
			assertFitsEveryWidth(fits, "verification", "main", () -> {
				browser.open(url("/verifications/" + runId));
				browser.find("#verdict");
				// the raw evidence too: certificates, payloads, hex
				((JavascriptExecutor) browser.driver())
					.executeScript("document.querySelectorAll('details').forEach((d) => d.open = true);");
			});
		}
		finally {
			browser.resize(1280, 1000);
		}
		fits.assertAll();
	}

	/**
	 * Lays the page out at phone, tablet, laptop and desktop widths: none may be wider
	 * than the window.
	 */
	private void assertFitsEveryWidth(SoftAssertions fits, String page, String shown, Runnable open) {
		browser.resize(1280, 1000);
		open.run();
		for (int width : new int[] { 360, 768, 1280, 1920 }) {
			browser.resize(width, 1000);
			browser.until((d) -> browser.viewportWidth() <= width, Duration.ofSeconds(5));
			((JavascriptExecutor) browser.driver())
				.executeScript("document.querySelector(arguments[0]).scrollIntoView();", shown);
			shot(page + "-" + width);
			fits.assertThat(browser.pageWidth())
				.as("%s at %d px is %d px wide; past the edge: %s", page, width, browser.pageWidth(),
						browser.elementsPastTheRightEdge())
				.isLessThanOrEqualTo(browser.viewportWidth());
		}
	}

	private void addServerAndTrustItsCa(String name) {
		browser.open(url("/servers/new"));
		browser.find("input[name=name]").sendKeys(name);
		browser.find("input[name=url]").sendKeys(thingsBoard.baseUrl());
		browser.find("input[name=username]").sendKeys(ThingsBoardDouble.TENANT_ADMIN);
		browser.find("input[name=password]").sendKeys(ThingsBoardDouble.TENANT_PASSWORD);
		browser.find("input[name=coapHost]").sendKeys("127.0.0.1");
		WebElement port = browser.find("input[name=coapPort]");
		port.clear();
		port.sendKeys(String.valueOf(thingsBoard.coapPort()));
		browser.find("main form button[type=submit]").click();
		browser.until((d) -> d.getPageSource().contains("password stored encrypted"), Duration.ofSeconds(10));
		browser.find("#fetch-ca").click();
		browser.until((d) -> d.getPageSource().contains("Waiting for your confirmation"), Duration.ofSeconds(10));
		shot("server-ca-to-confirm");
		browser.find("#trust-ca").click();
		browser.until((d) -> d.getPageSource().contains("Trusted since"), Duration.ofSeconds(10));
		browser.find("#run-check").click();
		browser.until((d) -> d.findElement(By.id("check-results")).getText().contains("CoAP over DTLS"),
				Duration.ofSeconds(20));
		shot("server-checked");
		assertThat(browser.find("#check-results").getText()).contains("as expected for an unregistered certificate");
		browser.open(url("/devices"));
	}

	private void paste(String css, String text) {
		// typing a whole PEM key by key is slow: set the value as a paste would
		((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];", browser.find(css),
				text);
	}

	private Path downloaded(String name) {
		try (Stream<Path> files = Files.list(browser.downloads())) {
			return files.filter((f) -> f.getFileName().toString().equals(name)).findFirst().orElse(null);
		}
		catch (java.io.IOException ex) {
			return null;
		}
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private void shot(String step) {
		browser.screenshot(getClass().getSimpleName() + "-" + this.test + "-" + step);
	}

	private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
		Map<String, byte[]> entries = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), in.readAllBytes());
			}
		}
		return entries;
	}

}

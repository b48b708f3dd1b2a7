package dev.keysmith.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by Debian's chromedriver (no browser is downloaded).
 * Downloads land in a temporary folder; screenshots go to {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;

	private final Path downloads;

	private final Path profile;

	public Browser() {
		this(null, false);
	}

	/**
	 * A browser that saves downloads in the given folder and keeps Chrome's performance
	 * log (its DevTools Network events) for {@link #networkRequests()}.
	 */
	public static Browser recordingNetwork(Path downloads) {
		return new Browser(downloads, true);
	}

	private Browser(Path downloads, boolean recordNetwork) {
		try {
			this.downloads = (downloads != null) ? downloads : Files.createTempDirectory("keysmith-downloads");
			this.profile = Files.createTempDirectory("keysmith-chromium");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(executable("chromium", "/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
				"--no-first-run", "--window-size=1280,1000", "--user-data-dir=" + this.profile);
		options.setExperimentalOption("prefs", Map.of("download.default_directory", this.downloads.toString(),
				"download.prompt_for_download", false, "safebrowsing.enabled", false));
		if (recordNetwork) {
			options.setCapability("goog:loggingPrefs", Map.of("performance", "ALL"));
			options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
		}
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(executable("chromedriver", "/usr/bin/chromedriver")))
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().implicitlyWait(Duration.ZERO);
	}

	public WebDriver driver() {
		return this.driver;
	}

	public Browser open(String url) {
		this.driver.get(url);
		return this;
	}

	/**
	 * Fills in and sends the sign-in form the browser shows, and waits until it has left
	 * the sign-in page.
	 */
	public void signIn(String username, String password) {
		find("input[name=username]").sendKeys(username);
		find("input[name=password]").sendKeys(password);
		find("main form button[type=submit]").click();
		until((d) -> !d.getCurrentUrl().contains("/login"), Duration.ofSeconds(10));
	}

	public WebElement find(String css) {
		return until((d) -> d.findElement(By.cssSelector(css)), Duration.ofSeconds(10));
	}

	public <T> T until(ExpectedCondition<T> condition, Duration timeout) {
		// htmx swaps elements while the test looks at them: a vanished or replaced one is
		// looked up again
		return new WebDriverWait(this.driver, timeout)
			.ignoring(org.openqa.selenium.NoSuchElementException.class,
					org.openqa.selenium.StaleElementReferenceException.class)
			.until(condition);
	}

	public String text() {
		return this.driver.findElement(By.tagName("body")).getText();
	}

	/**
	 * The DevTools {@code Network.requestWillBeSent} events since the last call, as the
	 * JSON text Chrome logged (URL, headers, and {@code postData} of each request the
	 * pages sent); only for a browser {@link #recordingNetwork recording} it.
	 */
	public List<String> networkRequests() {
		return this.driver.manage()
			.logs()
			.get("performance")
			.getAll()
			.stream()
			.map(org.openqa.selenium.logging.LogEntry::getMessage)
			.filter((message) -> message.contains("\"Network.requestWillBeSent\""))
			.toList();
	}

	public Path downloads() {
		return this.downloads;
	}

	public void resize(int width, int height) {
		this.driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
	}

	/**
	 * The width of the viewport the page is laid out in, scroll bar excluded (CSS
	 * pixels).
	 */
	public long viewportWidth() {
		return ((Number) this.driver.executeScript("return document.scrollingElement.clientWidth;")).longValue();
	}

	/**
	 * How wide the page is laid out: more than {@link #viewportWidth()} means it scrolls
	 * sideways.
	 */
	public long pageWidth() {
		return ((Number) this.driver.executeScript("return document.scrollingElement.scrollWidth;")).longValue();
	}

	/**
	 * The innermost elements that reach past the right edge of the viewport, to say what
	 * overflows.
	 */
	@SuppressWarnings("unchecked")
	public List<String> elementsPastTheRightEdge() {
		return (List<String>) this.driver.executeScript(
				"""
						const edge = document.scrollingElement.clientWidth;
						return [...document.body.querySelectorAll('*')]
							.filter((e) => e.getBoundingClientRect().right > edge + 0.5)
							.filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > edge + 0.5))
							.slice(0, 10)
							.map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' right='
								+ Math.round(e.getBoundingClientRect().right) + ' "' + (e.textContent || '').trim().slice(0, 60) + '"');
						""");
	}

	/** Saves what the page shows now as {@code target/screenshots/name.png}. */
	public Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path target = SCREENSHOTS.resolve(name + ".png");
			Files.copy(this.driver.getScreenshotAs(OutputType.FILE).toPath(), target,
					StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
	}

	private static String executable(String name, String fallback) {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
			File candidate = new File(dir, name);
			if (candidate.canExecute()) {
				return candidate.getAbsolutePath();
			}
		}
		return fallback;
	}

}

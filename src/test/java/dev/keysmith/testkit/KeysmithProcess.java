package dev.keysmith.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keysmith as a real, separate JVM process, for the tests that need what a process has
 * and an application context has not: being killed with SIGKILL, restarted on the same
 * data directory, stopped by a signal. It runs the test JVM's own {@code java} on the
 * test JVM's class path (target/classes and every runtime dependency, so it works before
 * packaging), on a free loopback port, with its output in
 * {@code target/keysmith-processes/}. The JSON API is reached with HTTP Basic as
 * {@code admin}.
 */
public final class KeysmithProcess implements AutoCloseable {

	public static final String ADMIN_PASSWORD = "process-admin-password";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private static final Pattern STARTED_ON_PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final String STARTED = "Started KeysmithApplication in";

	private static final Path LOGS = Path.of("target", "keysmith-processes");

	private static final AtomicInteger started = new AtomicInteger();

	private final Process process;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String authorization = "Basic "
			+ Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

	private int port;

	private KeysmithProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/** A new random master key, as {@code openssl rand -base64 32} would make. */
	public static String newMasterKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	/**
	 * Starts Keysmith on {@code dataDir} and returns once it has started (its start-up
	 * work done) and {@code /actuator/health} answers, whatever it says: readiness
	 * follows a moment later. Fails with the end of the process's log if it exits or does
	 * not come up in time.
	 * @param name names the log file
	 * @param arguments more command line arguments, e.g. {@code --keysmith.x=y}
	 */
	public static KeysmithProcess start(String name, Path dataDir, String masterKey, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElseThrow());
		command.add("-Xmx384m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(applicationClassPath());
		command.add("dev.keysmith.KeysmithApplication");
		command.add("--server.port=0");
		command.add("--server.address=127.0.0.1");
		command.add("--keysmith.data-dir=" + dataDir);
		command.add("--spring.main.banner-mode=off");
		command.addAll(Arrays.asList(arguments));
		try {
			Files.createDirectories(LOGS);
			Path log = LOGS.resolve("%s-%d.log".formatted(name, started.incrementAndGet()));
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
			builder.environment().keySet().removeIf((variable) -> variable.startsWith("KEYSMITH_"));
			builder.environment().put("KEYSMITH_MASTER_KEY", masterKey);
			builder.environment().put("KEYSMITH_ADMIN_PASSWORD", ADMIN_PASSWORD);
			KeysmithProcess keysmith = new KeysmithProcess(builder.start(), log);
			try {
				keysmith.awaitStarted();
			}
			catch (RuntimeException | Error ex) {
				keysmith.kill();
				throw ex;
			}
			return keysmith;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The test JVM's class path without the test classes: what the packaged application
	 * holds.
	 */
	private static String applicationClassPath() {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(classPath.split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private void awaitStarted() {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (this.port == 0) {
			String log = logText();
			Matcher port = STARTED_ON_PORT.matcher(log);
			if (port.find() && log.contains(STARTED)) {
				this.port = Integer.parseInt(port.group(1));
			}
			else {
				pause(deadline, "(runners done, listening on a port)");
			}
		}
		while (true) {
			try {
				health();
				return;
			}
			catch (UncheckedIOException ex) {
				pause(deadline, "to answer /actuator/health");
			}
		}
	}

	private void pause(long deadline, String what) {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("Keysmith exited with status %d before starting %s; its log ends:%n%s"
				.formatted(this.process.exitValue(), what, logTail()));
		}
		if (System.nanoTime() > deadline) {
			throw new IllegalStateException(
					"Keysmith did not start %s within %s; its log ends:%n%s".formatted(what, START_TIMEOUT, logTail()));
		}
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/** {@code GET /actuator/health} without credentials: its status code and body. */
	public HttpResponse<String> health() {
		return send(HttpRequest.newBuilder(uri("/actuator/health")).GET(), false);
	}

	/** A GET of the JSON API as {@code admin}. */
	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET(), true);
	}

	/** A POST of JSON to the API as {@code admin}. */
	public HttpResponse<String> postJson(String path, String json) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)), true);
	}

	/**
	 * Sends a request with a deadline, as {@code admin} when asked. A refused or broken
	 * connection (as when the process was just killed) is an
	 * {@link UncheckedIOException}.
	 */
	public HttpResponse<String> send(HttpRequest.Builder request, boolean asAdmin) {
		request.timeout(REQUEST_TIMEOUT);
		if (asAdmin) {
			request.header("Authorization", this.authorization);
			// a script exporting keys states why
			request.header("X-Keysmith-Reason", "test");
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Kills the process with SIGKILL, as a crash or the OOM killer would, and waits until
	 * it is gone.
	 */
	public void kill() {
		this.process.destroyForcibly();
		awaitExit(Duration.ofSeconds(30));
	}

	/**
	 * Stops the process with SIGTERM (a graceful shutdown) and waits; SIGKILL if it takes
	 * over a minute.
	 */
	public void stop() {
		this.process.destroy();
		if (!awaitExit(Duration.ofSeconds(60))) {
			kill();
		}
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Waits for the process to end by itself; {@code false} if it still runs after the
	 * wait.
	 */
	public boolean awaitExit(Duration wait) {
		try {
			return this.process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	public int exitValue() {
		return this.process.exitValue();
	}

	public Path log() {
		return this.log;
	}

	/** Everything the process printed so far. */
	public String logText() {
		try {
			// bytes, not readString: the process may be writing a character right now
			return new String(Files.readAllBytes(this.log), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private String logTail() {
		List<String> lines = logText().lines().toList();
		return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			stop();
		}
	}

}

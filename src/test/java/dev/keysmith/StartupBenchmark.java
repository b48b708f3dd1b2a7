package dev.keysmith;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.keysmith.testkit.KeysmithProcess;
import org.junit.jupiter.api.Test;

/**
 * Start-up of the packaged application: time from launching {@code java} to the first
 * answered HTTP request, and the process's resident memory at that moment, median of
 * {@value #RUNS} starts each on a fresh data directory, for the ways Keysmith can be run:
 * the fat jar as built, the jar extracted (Spring Boot's {@code jarmode=tools extract}),
 * the extracted jar with a class-data-sharing archive from a training run (what the
 * Docker image does), and that with lazy bean initialisation (measured only: Keysmith's
 * start-up checks of the master key and the database must run before it answers, so it is
 * not switched on).
 *
 * Not part of the test suite (Surefire excludes *Benchmark). Package first, then run it:
 * {@code ./mvnw -q package -DskipTests && ./mvnw test -Pbenchmark -Dtest=StartupBenchmark}.
 */
class StartupBenchmark {

	private static final int RUNS = 3;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

	@Test
	void timeToFirstAnswerAndMemory() throws Exception {
		Path jar = packagedJar();
		Path work = Files.createTempDirectory("keysmith-startup");
		Path extracted = work.resolve("extracted");
		run(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
				extracted.toString()));
		Path extractedJar = extracted.resolve(jar.getFileName());
		Path archive = work.resolve("keysmith.jsa");
		run(List.of(java(), "-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-jar",
				extractedJar.toString(), "--keysmith.data-dir=" + work.resolve("training"),
				"--spring.main.banner-mode=off", "--keysmith.crypto.provider=bc"));

		Map<String, List<String>> variants = new LinkedHashMap<>();
		variants.put("fat jar (java -jar target/keysmith.jar)", List.of("-jar", jar.toString()));
		variants.put("extracted jar", List.of("-jar", extractedJar.toString()));
		variants.put("extracted + CDS archive (the Docker image)",
				List.of("-XX:SharedArchiveFile=" + archive, "-jar", extractedJar.toString()));
		variants.put("extracted + CDS + lazy initialisation (not used)", List.of("-XX:SharedArchiveFile=" + archive,
				"-jar", extractedJar.toString(), "--spring.main.lazy-initialization=true"));

		Map<String, List<long[]>> results = new LinkedHashMap<>();
		int starts = 0;
		for (int run = 0; run < RUNS; run++) {
			for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
				results.computeIfAbsent(variant.getKey(), (key) -> new ArrayList<>())
					.add(start(variant.getValue(), work.resolve("start-" + (++starts))));
			}
		}
		System.out.printf("%nStart-up of the packaged Keysmith to its first answered request (%s), median of %d, "
				+ "fresh H2 data directory each%n", "GET /actuator/health", RUNS);
		long baseline = median(results.values().iterator().next(), 0);
		results.forEach((name, figures) -> System.out.printf("  %-50s %6d ms  (%.2fx)  RSS %4d MB%n", name,
				median(figures, 0), median(figures, 0) / (double) baseline, median(figures, 1) / 1024));
		System.out.println();
	}

	/** Milliseconds to the first HTTP answer, and resident memory (KB) at that moment. */
	private long[] start(List<String> arguments, Path dataDir) throws Exception {
		int port;
		try (ServerSocket probe = new ServerSocket(0)) {
			port = probe.getLocalPort();
		}
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx384m"));
		command.addAll(arguments);
		command.addAll(List.of("--server.port=" + port, "--server.address=127.0.0.1", "--keysmith.data-dir=" + dataDir,
				"--spring.main.banner-mode=off"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment().keySet().removeIf((variable) -> variable.startsWith("KEYSMITH_"));
		builder.environment().put("KEYSMITH_MASTER_KEY", KeysmithProcess.newMasterKey());
		builder.environment().put("KEYSMITH_ADMIN_PASSWORD", "startup-benchmark");
		long started = System.nanoTime();
		Process process = builder.start();
		try {
			HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
				.timeout(Duration.ofSeconds(2))
				.build();
			long deadline = started + TimeUnit.SECONDS.toNanos(120);
			while (System.nanoTime() < deadline) {
				if (!process.isAlive()) {
					throw new IllegalStateException("Keysmith exited: see " + dataDir + ".log");
				}
				try {
					this.http.send(health, HttpResponse.BodyHandlers.discarding());
					long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
					return new long[] { millis, residentKilobytes(process.pid()) };
				}
				catch (IOException ex) {
					Thread.sleep(10);
				}
			}
			throw new IllegalStateException("Keysmith did not answer within 120 s: see " + dataDir + ".log");
		}
		finally {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	private static long residentKilobytes(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", ""));
			}
		}
		return -1;
	}

	private static long median(List<long[]> figures, int index) {
		List<Long> values = new ArrayList<>(figures.stream().map((f) -> f[index]).toList());
		Collections.sort(values);
		return values.get(values.size() / 2);
	}

	private static Path packagedJar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter((file) -> file.getFileName().toString().matches("keysmith-.*\\.jar"))
				.filter((file) -> !file.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElseThrow(
						() -> new IllegalStateException("No packaged jar: run ./mvnw -q package -DskipTests first"));
		}
	}

	private static String java() {
		return ProcessHandle.current().info().command().orElseThrow();
	}

	private static void run(List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
		}
	}

}

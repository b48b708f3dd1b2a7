package dev.keysmith.device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import dev.keysmith.KeysmithApplication;
import dev.keysmith.pki.KeyType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a durable commit costs: devices created per second through {@link DeviceService}
 * (key pair, certificate, sealed key, device row and audit row in one transaction) on the
 * H2 file database, with H2's default write delay (commits reach the file up to 500 ms
 * later) beside the URL Keysmith is configured with.
 *
 * Not part of the test suite (Surefire excludes *Benchmark); run it with
 * {@code ./mvnw test -Pbenchmark -Dtest=DeviceStoreBenchmark}.
 */
class DeviceStoreBenchmark {

	private static final long WARM_UP_MILLIS = 3_000;

	private static final long WINDOW_MILLIS = 4_000;

	private static final int WINDOWS = 4;

	@Test
	void createsPerSecond() throws Exception {
		int cores = Runtime.getRuntime().availableProcessors();
		Path defaultDir = Files.createTempDirectory("keysmith-bench-");
		Path configuredDir = Files.createTempDirectory("keysmith-bench-");
		try (ConfigurableApplicationContext byDefault = start(defaultDir,
				"--spring.datasource.url=jdbc:h2:file:" + defaultDir + "/keysmith;AUTO_SERVER=FALSE;WRITE_DELAY=500");
				ConfigurableApplicationContext configured = start(configuredDir)) {
			List<Variant> variants = List.of(new Variant("H2 default", byDefault),
					new Variant("as configured", configured));
			List<String> lines = new ArrayList<>();
			for (int threads : new int[] { 1, cores }) {
				variants.forEach((variant) -> variant.created = 0);
				variants.forEach((variant) -> variant.nanos = 0);
				for (Variant variant : variants) {
					run(variant.devices(), threads, WARM_UP_MILLIS);
				}
				// alternate short windows, so that the load of a shared machine falls on
				// both alike
				for (int window = 0; window < WINDOWS; window++) {
					for (Variant variant : variants) {
						long started = System.nanoTime();
						variant.created += run(variant.devices(), threads, WINDOW_MILLIS);
						variant.nanos += System.nanoTime() - started;
					}
				}
				for (Variant variant : variants) {
					lines.add("  %-14s WRITE_DELAY=%-4s %d thread(s): %,7.0f creates/s  (%,d in %d s)".formatted(
							variant.name, variant.writeDelay(), threads, variant.created / (variant.nanos / 1e9),
							variant.created, variant.nanos / 1_000_000_000));
				}
			}
			System.out.printf(
					"%nDeviceService.create (EC P-256) on the H2 file database, %d cores, load average %.1f%n%s%n%n",
					cores, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
					String.join(System.lineSeparator(), lines));
		}
	}

	private static ConfigurableApplicationContext start(Path dataDir, String... more) {
		List<String> args = new ArrayList<>(List.of("--keysmith.data-dir=" + dataDir,
				"--keysmith.security.admin-password=bench-password", "--server.port=0", "--server.address=127.0.0.1",
				"--spring.main.banner-mode=off", "--logging.level.root=warn"));
		args.addAll(List.of(more));
		return new SpringApplicationBuilder(KeysmithApplication.class).run(args.toArray(String[]::new));
	}

	private static final class Variant {

		private final String name;

		private final ConfigurableApplicationContext context;

		private long created;

		private long nanos;

		Variant(String name, ConfigurableApplicationContext context) {
			this.name = name;
			this.context = context;
		}

		DeviceService devices() {
			return this.context.getBean(DeviceService.class);
		}

		String writeDelay() {
			return String.join("/", new JdbcTemplate(this.context.getBean(DataSource.class)).queryForList(
					"SELECT DISTINCT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'",
					String.class));
		}

	}

	private static long run(DeviceService devices, int threads, long millis) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicBoolean stop = new AtomicBoolean();
		AtomicLong names = new AtomicLong();
		List<Future<Long>> counts = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			counts.add(pool.submit(() -> {
				long n = 0;
				while (!stop.get()) {
					devices.create("bench-" + System.nanoTime() + "-" + names.incrementAndGet(), KeyType.EC_P256, 30,
							"bench");
					n++;
				}
				return n;
			}));
		}
		Thread.sleep(millis);
		stop.set(true);
		long total = 0;
		for (Future<Long> count : counts) {
			total += count.get();
		}
		pool.shutdown();
		return total;
	}

}

package dev.keysmith.batch;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.KeysmithApplication;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.KeyType;
import dev.keysmith.push.PushService;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.thingsboard.ServerSettings;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.verify.Depth;
import dev.keysmith.verify.RunStatus;
import dev.keysmith.verify.VerificationService;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a batch does for throughput, with default settings against the ThingsBoard double
 * on loopback: 1,000 devices generated, pushed and verified (light) as a batch, beside
 * the same done one after another through the single-device services; and 10,000 devices
 * generated, reported and bundled without ThingsBoard. Prints devices per second and the
 * heap's high-water mark; asserts nothing.
 *
 * Not part of the test suite (Surefire excludes *Benchmark); run it with
 * {@code ./mvnw test -Pbenchmark -Dtest=BatchBenchmark} ({@code -Dbench.count=},
 * {@code -Dbench.baseline=}, {@code -Dbench.large=} to change the sizes). Before anything
 * is measured, a warm-up batch ({@code -Dbench.warmup=}, 600 devices) and a tenth of that
 * one after another let the JIT compile the paths both take: on two cores, compiling
 * takes nearly half the CPU of a cold first minute. CPU time per device counts the whole
 * JVM, the ThingsBoard double's side included.
 */
class BatchBenchmark {

	private static final int COUNT = Integer.getInteger("bench.count", 1000);

	private static final int BASELINE = Integer.getInteger("bench.baseline", 1000);

	private static final int LARGE = Integer.getInteger("bench.large", 10_000);

	private static final int WARMUP = Integer.getInteger("bench.warmup", 600);

	@Test
	void batchAgainstSequentialAndLargeBatchDownloads() throws Exception {
		Path data = Files.createTempDirectory("keysmith-batch-bench-");
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		List<String> lines = new ArrayList<>();
		try (ThingsBoardDouble thingsBoard = ThingsBoardDouble.start().publishServerCa();
				ConfigurableApplicationContext keysmith = new SpringApplicationBuilder(KeysmithApplication.class).run(
						"--keysmith.data-dir=" + data,
						"--keysmith.vault.master-key=" + Base64.getEncoder().encodeToString(key),
						"--keysmith.security.admin-password=bench-password", "--server.port=0",
						"--server.address=127.0.0.1", "--spring.main.banner-mode=off",
						"--logging.level.dev.keysmith=warn")) {
			ThingsBoardServerService servers = keysmith.getBean(ThingsBoardServerService.class);
			UUID serverId = servers
				.create(new ServerSettings("bench", thingsBoard.baseUrl(), ThingsBoardDouble.TENANT_ADMIN,
						ThingsBoardDouble.TENANT_PASSWORD, null, "127.0.0.1", thingsBoard.coapPort(), null, true, null,
						null))
				.getId();
			servers.fetchServerCa(serverId);
			servers.confirmServerCa(serverId, Fingerprints.sha256(thingsBoard.serverCa()));
			BatchCreation creation = keysmith.getBean(BatchCreation.class);
			BatchService batches = keysmith.getBean(BatchService.class);

			if (WARMUP > 0) {
				long warmStart = System.nanoTime();
				watch(batches,
						creation
							.create(new BatchRequest("warm-{0001}", 1, WARMUP, null, null, null, serverId, null, null,
									null, null, null, null), null, false, "bench")
							.id());
				sequential(keysmith, serverId, "warm-seq-", WARMUP / 10);
				say(lines, "Warm-up (not measured): a batch of %d and %d one after another, %.1f s".formatted(WARMUP,
						WARMUP / 10, (System.nanoTime() - warmStart) / 1e9));
			}

			resetPeaks();
			long started = System.nanoTime();
			long cpuStart = processCpuNanos();
			BatchView batch = creation.create(new BatchRequest("bench-{0001}", 1, COUNT, null, null, null, serverId,
					null, null, null, null, null, null), null, false, "bench");
			Map<ItemState, long[]> firstLast = watch(batches, batch.id());
			double seconds = (System.nanoTime() - started) / 1e9;
			double batchCpu = (processCpuNanos() - cpuStart) / 1e6 / COUNT;
			BatchView done = batches.view(batch.id());
			say(lines,
					"Batch of %d (issue, push, light verify), concurrency %d: %.1f s, %.1f devices/s overall, %.1f ms CPU per device; counts %s"
						.formatted(COUNT, done.options().concurrency(), seconds, COUNT / seconds, batchCpu,
								done.counts()));
			for (ItemState state : List.of(ItemState.ISSUED, ItemState.PUSHED, ItemState.VERIFIED)) {
				long[] span = firstLast.get(state);
				double stageSeconds = Math.max(1, span[1] - span[0]) / 1e9;
				say(lines, "  stage reaching %s: %.1f devices/s (from its first to its last device)".formatted(state,
						COUNT / stageSeconds));
			}
			say(lines, "  heap high-water mark: %d MB".formatted(heapPeakMegabytes()));

			long sequentialStart = System.nanoTime();
			long sequentialCpuStart = processCpuNanos();
			int passed = sequential(keysmith, serverId, "seq-", BASELINE);
			double sequential = (System.nanoTime() - sequentialStart) / 1e9;
			double sequentialCpu = (processCpuNanos() - sequentialCpuStart) / 1e6 / BASELINE;
			say(lines,
					"Sequential single-device create, push, light verify of %d: %.1f s, %.2f devices/s, %.1f ms CPU per device (%d passed); the batch is %.1f times faster"
						.formatted(BASELINE, sequential, BASELINE / sequential, sequentialCpu, passed,
								(COUNT / seconds) / (BASELINE / sequential)));

			resetPeaks();
			long largeStart = System.nanoTime();
			BatchView large = creation.create(new BatchRequest("large-{00001}", 1, LARGE, null, null, null, null, null,
					null, null, null, null, null), null, false, "bench");
			watch(batches, large.id());
			double generate = (System.nanoTime() - largeStart) / 1e9;
			BatchDownloads downloads = keysmith.getBean(BatchDownloads.class);
			Counting report = new Counting();
			long reportStart = System.nanoTime();
			downloads.report(large.id(), report);
			double reportSeconds = (System.nanoTime() - reportStart) / 1e9;
			Counting zip = new Counting();
			long zipStart = System.nanoTime();
			downloads.bundles(large.id(), null, "bench", "benchmark", zip);
			double zipSeconds = (System.nanoTime() - zipStart) / 1e9;
			say(lines,
					"Batch of %d, issue only: %.1f s (%.0f devices/s); report.csv %d KB in %.1f s; bundles.zip %d MB in %.1f s; heap high-water mark %d MB (max heap %d MB)"
						.formatted(LARGE, generate, LARGE / generate, report.bytes / 1024, reportSeconds,
								zip.bytes / (1024 * 1024), zipSeconds, heapPeakMegabytes(),
								Runtime.getRuntime().maxMemory() / (1024 * 1024)));
		}
		System.out.println();
		lines.forEach(System.out::println);
	}

	/**
	 * Creates, pushes and verifies (light) {@code count} devices one after another
	 * through the single-device services; returns how many passed.
	 */
	private static int sequential(ConfigurableApplicationContext keysmith, UUID serverId, String prefix, int count)
			throws Exception {
		DeviceService devices = keysmith.getBean(DeviceService.class);
		PushService push = keysmith.getBean(PushService.class);
		VerificationService verifications = keysmith.getBean(VerificationService.class);
		int passed = 0;
		for (int i = 1; i <= count; i++) {
			Device device = devices.create(prefix + "%04d".formatted(i), KeyType.EC_P256, 365, "bench");
			push.push(device.getId(), serverId, null, "bench");
			var verdict = verifications
				.verify(device.getId(), serverId, null, "bench", java.time.Duration.ofSeconds(30), Depth.LIGHT)
				.verdict()
				.get();
			passed += (verdict.status() == RunStatus.PASSED) ? 1 : 0;
		}
		return passed;
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static void say(List<String> lines, String line) {
		lines.add(line);
		System.out.println("BENCH " + line);
	}

	/**
	 * Waits for the batch to complete; for each state, when the first and the last item
	 * reached it (nanos).
	 */
	private static Map<ItemState, long[]> watch(BatchService batches, UUID id) throws InterruptedException {
		Map<ItemState, long[]> spans = new EnumMap<>(ItemState.class);
		Map<ItemState, Long> last = new EnumMap<>(ItemState.class);
		while (true) {
			BatchView view = batches.view(id);
			long now = System.nanoTime();
			long done = view.counts().get(ItemState.VERIFIED);
			long pushed = done + view.counts().get(ItemState.PUSHED);
			long issued = pushed + view.counts().get(ItemState.ISSUED);
			for (Map.Entry<ItemState, Long> reached : Map
				.of(ItemState.ISSUED, issued, ItemState.PUSHED, pushed, ItemState.VERIFIED, done)
				.entrySet()) {
				long[] span = spans.computeIfAbsent(reached.getKey(), (k) -> new long[] { 0, 0 });
				if (reached.getValue() > 0 && span[0] == 0) {
					span[0] = now;
				}
				if (!reached.getValue().equals(last.get(reached.getKey()))) {
					span[1] = now;
					last.put(reached.getKey(), reached.getValue());
				}
			}
			if (view.state() == BatchState.COMPLETED) {
				return spans;
			}
			Thread.sleep(100);
		}
	}

	private static void resetPeaks() {
		System.gc();
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	private static long heapPeakMegabytes() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak / (1024 * 1024);
	}

	private static final class Counting extends OutputStream {

		private long bytes;

		@Override
		public void write(int b) {
			this.bytes++;
		}

		@Override
		public void write(byte[] b, int off, int len) {
			this.bytes += len;
		}

	}

}

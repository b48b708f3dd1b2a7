package dev.keysmith.pki;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.keysmith.crypto.CryptoProvider;
import org.junit.jupiter.api.Test;

/**
 * Throughput of device credential generation: P-256 key pair, self-signed certificate and
 * PEM encoding of both, in devices per second on all cores, for Keysmith with each
 * provider it can use, beside what an operator would script instead, measured in the same
 * run: a Python script with the {@code cryptography} package (OpenSSL underneath), one
 * process per core, and the openssl CLI (ecparam -genkey, then req -new -x509). The
 * benchmark installs Debian's python3-cryptography if it is missing. Keysmith and the
 * script take turns, and each reports its CPU time per device too: on a machine busy with
 * other work the wall-clock rates fall with the share of the cores each gets, the CPU
 * time per device much less, and the cores divided by it is the rate on idle cores.
 *
 * Not part of the test suite (Surefire excludes *Benchmark); run it with
 * {@code ./mvnw test -Pbenchmark -Dtest=PkiBenchmark}.
 */
class PkiBenchmark {

	private static final long WARM_UP_MILLIS = 5_000;

	private static final long MEASURE_MILLIS = 5_000;

	/**
	 * Keysmith and the script take turns this many times; the median of each is shown, so
	 * that a burst of other work on the machine does not decide the comparison.
	 */
	private static final int ROUNDS = 3;

	private static final int OPENSSL_DEVICES = 200;

	private static final double TARGET = 30_000;

	/**
	 * The same work as Keysmith's, as an operator would write it with pyca/cryptography;
	 * prints the devices made and the CPU seconds they took.
	 */
	private static final String PYTHON = """
			import datetime, sys, time
			from cryptography import x509
			from cryptography.x509.oid import NameOID, ExtendedKeyUsageOID
			from cryptography.hazmat.primitives import hashes, serialization
			from cryptography.hazmat.primitives.asymmetric import ec
			seconds, n = float(sys.argv[1]), 0
			cpu = time.process_time()
			end = time.monotonic() + seconds
			while time.monotonic() < end:
			    key = ec.generate_private_key(ec.SECP256R1())
			    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bench-%d" % n)])
			    now = datetime.datetime.now(datetime.timezone.utc)
			    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
			        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
			        .not_valid_after(now + datetime.timedelta(days=365))
			        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
			        .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
			        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
			        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
			        .sign(key, hashes.SHA256()))
			    key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
			        serialization.NoEncryption())
			    cert.public_bytes(serialization.Encoding.PEM)
			    n += 1
			print(n, time.process_time() - cpu)
			""";

	/**
	 * One measurement: devices per second on the wall clock, and CPU time per device
	 * (what the rate would be on idle cores: cores / CPU time per device).
	 */
	record Rate(double devicesPerSecond, double cpuMicrosPerDevice) {

		double idleCapacity(int cores) {
			return cores * 1e6 / this.cpuMicrosPerDevice;
		}

		static Rate median(List<Rate> rates) {
			return new Rate(middle(rates.stream().mapToDouble(Rate::devicesPerSecond).sorted().toArray()),
					middle(rates.stream().mapToDouble(Rate::cpuMicrosPerDevice).sorted().toArray()));
		}

		private static double middle(double[] sorted) {
			return sorted[sorted.length / 2];
		}

	}

	@Test
	void p256DeviceCredentials() throws Exception {
		int threads = Runtime.getRuntime().availableProcessors();
		Map<CryptoProvider, CertificateIssuer> issuers = new EnumMap<>(CryptoProvider.class);
		for (CryptoProvider provider : CryptoProvider.values()) {
			if (!provider.isAvailable()) {
				System.out.printf("%s is not available here: %s%n", provider.label(),
						provider.unavailableBecause().orElse("?"));
				continue;
			}
			CertificateIssuer issuer = new CertificateIssuer(provider, new SecureRandom(), Clock.systemUTC());
			run(issuer, threads, WARM_UP_MILLIS);
			issuers.put(provider, issuer);
		}
		ensureCryptography();
		Map<CryptoProvider, List<Rate>> keysmith = new EnumMap<>(CryptoProvider.class);
		List<Rate> python = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			for (Map.Entry<CryptoProvider, CertificateIssuer> issuer : issuers.entrySet()) {
				keysmith.computeIfAbsent(issuer.getKey(), (p) -> new ArrayList<>())
					.add(run(issuer.getValue(), threads, MEASURE_MILLIS));
			}
			python.add(python(threads));
		}
		double openssl = openssl(threads);

		System.out.printf("%nP-256 key pair + self-signed certificate + PEM, %d threads or processes on %d cores "
				+ "(median of %d turns of %d s each)%n", threads, threads, ROUNDS, MEASURE_MILLIS / 1000);
		System.out.printf("  %-58s %12s %14s %18s%n", "", "devices/s", "CPU/device", "on idle cores");
		keysmith.forEach((provider, rates) -> print("Keysmith, " + provider.describe(), Rate.median(rates), threads));
		Rate script = Rate.median(python);
		print("Python cryptography " + cryptographyVersion() + " script", script, threads);
		System.out.printf("  %-58s %,12.0f%n",
				"openssl CLI loop (ecparam + req -x509, " + OPENSSL_DEVICES + " devices)", openssl);
		CryptoProvider chosen = CryptoProvider.choose("auto");
		Rate ours = Rate.median(keysmith.get(chosen));
		System.out.printf(
				"  Keysmith (auto: %s) / Python: %.2fx on the wall clock, %.2fx in CPU per device; "
						+ "target %,.0f devices/s: %s on the wall clock, %s on idle cores%n%n",
				chosen.name(), ours.devicesPerSecond() / script.devicesPerSecond(),
				script.cpuMicrosPerDevice() / ours.cpuMicrosPerDevice(), TARGET,
				(ours.devicesPerSecond() >= TARGET) ? "met" : "NOT met",
				(ours.idleCapacity(threads) >= TARGET) ? "met" : "NOT met");
	}

	private static void print(String what, Rate rate, int cores) {
		System.out.printf("  %-58s %,12.0f %11.1f us %,18.0f%n", what + ":", rate.devicesPerSecond(),
				rate.cpuMicrosPerDevice(), rate.idleCapacity(cores));
	}

	private static Rate run(CertificateIssuer issuer, int threads, long millis) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicBoolean stop = new AtomicBoolean();
		List<Future<long[]>> counts = new ArrayList<>();
		long started = System.nanoTime();
		for (int t = 0; t < threads; t++) {
			counts.add(pool.submit(() -> {
				ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
				long cpuStart = cpu.getCurrentThreadCpuTime();
				long n = 0;
				long sink = 0;
				while (!stop.get()) {
					IssuedCredential credential = issuer.issue(KeyType.EC_P256, "bench-" + n, 365);
					sink += PemCodec.privateKey(credential).length()
							+ PemCodec.certificate(credential.certificate()).length();
					n++;
				}
				return new long[] { (sink > 0) ? n : 0, cpu.getCurrentThreadCpuTime() - cpuStart };
			}));
		}
		Thread.sleep(millis);
		stop.set(true);
		long devices = 0;
		long cpuNanos = 0;
		for (Future<long[]> count : counts) {
			long[] done = count.get();
			devices += done[0];
			cpuNanos += done[1];
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		pool.shutdown();
		return new Rate(devices / seconds, cpuNanos / 1e3 / devices);
	}

	private static Rate python(int processes) throws Exception {
		Path script = Files.createTempFile("keysmith-bench", ".py");
		Files.writeString(script, PYTHON);
		List<Process> running = new ArrayList<>();
		long started = System.nanoTime();
		for (int i = 0; i < processes; i++) {
			running.add(new ProcessBuilder("python3", script.toString(), String.valueOf(MEASURE_MILLIS / 1000.0))
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start());
		}
		long devices = 0;
		double cpuSeconds = 0;
		for (Process process : running) {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!process.waitFor(MEASURE_MILLIS * 3, TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("The Python script failed: " + output);
			}
			String[] counted = output.split("\\s+");
			devices += Long.parseLong(counted[0]);
			cpuSeconds += Double.parseDouble(counted[1]);
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		Files.delete(script);
		return new Rate(devices / seconds, cpuSeconds * 1e6 / devices);
	}

	private static String cryptographyVersion() throws Exception {
		return command("python3", "-c", "import cryptography; print(cryptography.__version__)").trim();
	}

	/**
	 * Installs Debian's python3-cryptography (as ./test installs the other peers) when it
	 * is missing.
	 */
	private static void ensureCryptography() throws Exception {
		if (new ProcessBuilder("python3", "-c", "import cryptography").start().waitFor() == 0) {
			return;
		}
		boolean root = "root".equals(System.getProperty("user.name"));
		List<String> install = new ArrayList<>(root ? List.of() : List.of("sudo"));
		install.addAll(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends", "python3-cryptography"));
		command(install.toArray(String[]::new));
	}

	private static String command(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
		}
		return output;
	}

	private static double openssl(int threads) throws Exception {
		Path dir = Files.createTempDirectory("openssl-bench");
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		long started = System.nanoTime();
		List<Future<?>> jobs = new ArrayList<>();
		for (int i = 0; i < OPENSSL_DEVICES; i++) {
			int n = i;
			jobs.add(pool.submit(() -> {
				Openssl.run(dir, "ecparam", "-name", "secp256r1", "-genkey", "-out", "key-" + n + ".pem");
				Openssl.run(dir, "req", "-new", "-x509", "-key", "key-" + n + ".pem", "-out", "cert-" + n + ".pem",
						"-days", "365", "-subj", "/CN=bench-" + n);
				return null;
			}));
		}
		for (Future<?> job : jobs) {
			job.get();
		}
		double rate = OPENSSL_DEVICES / ((System.nanoTime() - started) / 1e9);
		pool.shutdown();
		try (var files = Files.list(dir)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		Files.delete(dir);
		return rate;
	}

}

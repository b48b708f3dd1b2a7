package dev.keysmith.pki;

import java.io.File;
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
 * benchmark installs Debian's python3-cryptography if it is missing.
 *
 * Not part of the test suite (Surefire excludes *Benchmark); run it with
 * {@code ./mvnw test -Dtest=PkiBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class PkiBenchmark {

	private static final long WARM_UP_MILLIS = 3_000;

	private static final long MEASURE_MILLIS = 10_000;

	private static final int OPENSSL_DEVICES = 200;

	private static final double TARGET = 30_000;

	/**
	 * The same work as Keysmith's, as an operator would write it with pyca/cryptography.
	 */
	private static final String PYTHON = """
			import datetime, sys, time
			from cryptography import x509
			from cryptography.x509.oid import NameOID, ExtendedKeyUsageOID
			from cryptography.hazmat.primitives import hashes, serialization
			from cryptography.hazmat.primitives.asymmetric import ec
			seconds, n = float(sys.argv[1]), 0
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
			print(n)
			""";

	@Test
	void p256DeviceCredentials() throws Exception {
		int threads = Runtime.getRuntime().availableProcessors();
		Map<CryptoProvider, Double> keysmith = new EnumMap<>(CryptoProvider.class);
		for (CryptoProvider provider : CryptoProvider.values()) {
			if (!provider.isAvailable()) {
				System.out.printf("%s is not available here: %s%n", provider.label(),
						provider.unavailableBecause().orElse("?"));
				continue;
			}
			CertificateIssuer issuer = new CertificateIssuer(provider, new SecureRandom(), Clock.systemUTC());
			run(issuer, threads, WARM_UP_MILLIS);
			long started = System.nanoTime();
			long devices = run(issuer, threads, MEASURE_MILLIS);
			keysmith.put(provider, devices / ((System.nanoTime() - started) / 1e9));
		}
		double python = python(threads);
		double openssl = openssl(threads);

		System.out.printf("%nP-256 key pair + self-signed certificate + PEM, %d threads or processes on %d cores%n",
				threads, Runtime.getRuntime().availableProcessors());
		keysmith.forEach((provider, rate) -> System.out.printf("  Keysmith, %-42s %,8.0f devices/s%n",
				provider.describe() + ":", rate));
		System.out.printf("  Python cryptography %-33s %,8.0f devices/s  (%d processes, %d s)%n",
				cryptographyVersion() + " script:", python, threads, MEASURE_MILLIS / 1000);
		System.out.printf("  openssl CLI loop (ecparam + req -x509):        %,8.0f devices/s  (%d devices)%n", openssl,
				OPENSSL_DEVICES);
		CryptoProvider chosen = CryptoProvider.choose("auto");
		double ours = keysmith.get(chosen);
		System.out.printf("  Keysmith (auto: %s) / Python: %.2fx; target %,.0f devices/s: %s%n%n", chosen.name(),
				ours / python, TARGET, (ours >= TARGET) ? "met" : "NOT met");
	}

	private static long run(CertificateIssuer issuer, int threads, long millis) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicBoolean stop = new AtomicBoolean();
		List<Future<Long>> counts = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			counts.add(pool.submit(() -> {
				long n = 0;
				long sink = 0;
				while (!stop.get()) {
					IssuedCredential credential = issuer.issue(KeyType.EC_P256, "bench-" + n, 365);
					sink += PemCodec.privateKey(credential).length()
							+ PemCodec.certificate(credential.certificate()).length();
					n++;
				}
				return (sink > 0) ? n : 0;
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

	private static double python(int processes) throws Exception {
		ensureCryptography();
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
		for (Process process : running) {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!process.waitFor(MEASURE_MILLIS * 3, TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("The Python script failed: " + output);
			}
			devices += Long.parseLong(output);
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		Files.delete(script);
		return devices / seconds;
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

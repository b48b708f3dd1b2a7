package dev.keysmith.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * Throughput of device credential generation: P-256 key pair, self-signed certificate and
 * PEM encoding of both, in devices per second on all cores, beside the openssl CLI doing the
 * same (ecparam -genkey, then req -new -x509) measured in the same run.
 *
 * Not part of the test suite (Surefire excludes *Benchmark); run it with
 * {@code ./mvnw test -Dtest=PkiBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class PkiBenchmark {

	private static final long WARM_UP_MILLIS = 3_000;

	private static final long MEASURE_MILLIS = 10_000;

	private static final int OPENSSL_DEVICES = 200;

	@Test
	void p256DeviceCredentials() throws Exception {
		int threads = Runtime.getRuntime().availableProcessors();
		CertificateIssuer issuer = new CertificateIssuer();
		run(issuer, threads, WARM_UP_MILLIS);
		long started = System.nanoTime();
		long devices = run(issuer, threads, MEASURE_MILLIS);
		double keysmith = devices / ((System.nanoTime() - started) / 1e9);

		double openssl = openssl(threads);

		System.out.printf("%nP-256 key pair + self-signed certificate + PEM, %d threads on %d cores%n", threads,
				Runtime.getRuntime().availableProcessors());
		System.out.printf("  Keysmith (Bouncy Castle, in process):   %,8.0f devices/s  (%,d devices in %d s)%n", keysmith,
				devices, MEASURE_MILLIS / 1000);
		System.out.printf("  openssl CLI loop (ecparam + req -x509): %,8.0f devices/s  (%d devices, %d parallel loops)%n",
				openssl, OPENSSL_DEVICES, threads);
		System.out.printf("  ratio: %.0fx; target 5,000 devices/s: %s%n%n", keysmith / openssl,
				(keysmith >= 5000) ? "met" : "NOT met");
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
					sink += PemCodec.privateKey(credential).length() + PemCodec.certificate(credential.certificate()).length();
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

package dev.keysmith.verify;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.thingsboard.TestClients;
import org.eclipse.californium.core.coap.CoAP;
import org.junit.jupiter.api.Test;

/**
 * Latency of a fresh DTLS handshake plus one telemetry POST (2.01), for Keysmith's client
 * (a new connector per run, as a verification does) and for libcoap's coap-client-openssl (a
 * new process per run, as an operator runs it), against the same DTLS server (the ThingsBoard
 * double) in the same run. Prints p50 and p95 over 60 runs each, after 15 warm-up runs.
 *
 * Not part of the test suite (Surefire excludes *Benchmark); run it with
 * {@code ./mvnw test -Dtest=VerifyBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class VerifyBenchmark {

	private static final int WARM_UP = 15;

	private static final int RUNS = 60;

	@Test
	void handshakeAndPost() throws Exception {
		try (ThingsBoardDouble thingsBoard = ThingsBoardDouble.start()) {
			IssuedCredential device = new CertificateIssuer().issue(KeyType.EC_P256, "bench-device", 30);
			TestClients.client(thingsBoard)
				.createDeviceWithCredentials("bench-device", null, PemCodec.certificate(device.certificate()));
			Path dir = Files.createTempDirectory("verify-bench");
			Files.writeString(dir.resolve("cert.pem"), PemCodec.certificate(device.certificate()));
			Files.writeString(dir.resolve("key.pem"), PemCodec.privateKey(device));

			VerifyProperties properties = new VerifyProperties(Duration.ofSeconds(1), 1.5f, 3, Duration.ofSeconds(5),
					Duration.ofSeconds(5), Duration.ofSeconds(5));
			InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), thingsBoard.coapPort());
			ServerTrust trust = new ServerTrust.TrustedCas(List.of(thingsBoard.serverCa()), "bench");
			List<String> command = List.of("coap-client-openssl", "-v", "6", "-c", "cert.pem", "-j", "key.pem", "-m",
					"POST", "-t", "application/json", "-e", "{\"temperature\":43}",
					"coaps://127.0.0.1:" + thingsBoard.coapPort() + "/api/v1/telemetry");

			for (int i = 0; i < WARM_UP; i++) {
				keysmith(properties, device, trust, address);
				libcoap(command, dir);
			}
			List<Double> ours = new ArrayList<>();
			List<Double> theirs = new ArrayList<>();
			for (int i = 0; i < RUNS; i++) {
				ours.add(keysmith(properties, device, trust, address));
				theirs.add(libcoap(command, dir));
			}
			System.out.printf("%nFresh DTLS handshake + POST /api/v1/telemetry (2.01), %d runs each after %d warm-up%n",
					RUNS, WARM_UP);
			System.out.printf("  Keysmith DtlsClient (new connector per run): p50 %6.1f ms   p95 %6.1f ms%n",
					percentile(ours, 50), percentile(ours, 95));
			System.out.printf("  coap-client-openssl (new process per run):   p50 %6.1f ms   p95 %6.1f ms%n",
					percentile(theirs, 50), percentile(theirs, 95));
			System.out.printf("  Keysmith no slower than libcoap at p50: %s%n%n",
					(percentile(ours, 50) <= percentile(theirs, 50)) ? "yes" : "NO");
		}
	}

	private static double keysmith(VerifyProperties properties, IssuedCredential device, ServerTrust trust,
			InetSocketAddress address) {
		long started = System.nanoTime();
		try (DtlsClient client = DtlsClient.open(properties, new DtlsIdentity(device.privateKey(), device.certificate()),
				trust, "127.0.0.1", address, true, (note) -> {
				})) {
			DtlsClient.Exchange exchange = client.post("/api/v1/telemetry", "{\"temperature\":43}");
			if (exchange.response() == null || exchange.response().getCode() != CoAP.ResponseCode.CREATED) {
				throw new IllegalStateException("Keysmith's POST did not get 2.01: " + exchange);
			}
		}
		return (System.nanoTime() - started) / 1e6;
	}

	private static double libcoap(List<String> command, Path dir) throws Exception {
		long started = System.nanoTime();
		Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(30, TimeUnit.SECONDS) || !output.contains("c:2.01")) {
			throw new IllegalStateException("libcoap's POST did not get 2.01:\n" + output);
		}
		return (System.nanoTime() - started) / 1e6;
	}

	private static double percentile(List<Double> values, int percentile) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index));
	}

}

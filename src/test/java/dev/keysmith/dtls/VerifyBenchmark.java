package dev.keysmith.dtls;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.keysmith.crypto.CryptoProvider;
import dev.keysmith.crypto.LentEcProvider;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.thingsboard.client.TestClients;
import org.eclipse.californium.core.coap.CoAP;
import org.junit.jupiter.api.Test;

/**
 * Latency of a fresh DTLS handshake plus one telemetry POST (2.01) for EC P-256, EC P-384
 * and RSA 2048 devices, for Keysmith's client (a new connector per run, as a verification
 * does, at ThingsBoard's 1,024-byte datagram limit) and for libcoap's coap-client-openssl
 * (a new process per run, as an operator runs it) with the same certificates, against the
 * same DTLS server: the double configured as ThingsBoard is by default. Prints, per key
 * type, p50 and p95 of Keysmith's handshake (ClientHello to Finished) and of each
 * client's whole run, and how many runs had to send a flight again, over 60 runs each
 * after 15 warm-up runs.
 *
 * Not part of the test suite (Surefire excludes *Benchmark); run it with
 * {@code ./mvnw test -Pbenchmark -Dtest=VerifyBenchmark}.
 */
class VerifyBenchmark {

	private static final int WARM_UP = 15;

	private static final int RUNS = 60;

	private static final Pattern LIBCOAP_RETRANSMISSION = Pattern.compile("DTLS retransmit timeout");

	private static final DtlsProperties PROPERTIES = new DtlsProperties(Duration.ofSeconds(1), 1.5f, 3,
			Duration.ofSeconds(5));

	@Test
	void handshakeAndPost() throws Exception {
		Map<KeyType, Figures> results = new LinkedHashMap<>();
		try (ThingsBoardDouble thingsBoard = ThingsBoardDouble.start()) {
			for (KeyType type : List.of(KeyType.EC_P256, KeyType.EC_P384, KeyType.RSA_2048)) {
				results.put(type, measure(thingsBoard, type));
			}
		}
		System.out.printf("%nFresh DTLS handshake + POST /api/v1/telemetry (2.01) against a DTLS server configured as "
				+ "ThingsBoard's defaults%n(MTU 1024, maximum fragment length 1024), %d runs each after %d warm-up; "
				+ "times in ms%n%n", RUNS, WARM_UP);
		System.out.printf("  %-9s | %-34s | %-26s%n", "", "Keysmith (limit 1024 bytes)", "coap-client-openssl");
		System.out.printf("  %-9s | %-9s %-9s %-14s | %-9s %-16s%n", "key", "handshake", "total", "runs resent",
				"total", "runs resent");
		System.out.printf("  %-9s | %-9s %-9s %-14s | %-9s %-16s%n", "", "p50/p95", "p50/p95", "", "p50/p95", "");
		for (Map.Entry<KeyType, Figures> entry : results.entrySet()) {
			Figures f = entry.getValue();
			System.out.printf("  %-9s | %4.0f/%-4.0f %4.0f/%-4.0f %-14s | %4.0f/%-4.0f %-16s%n", entry.getKey().label(),
					percentile(f.handshake, 50), percentile(f.handshake, 95), percentile(f.ours, 50),
					percentile(f.ours, 95), f.oursResent + "/" + RUNS, percentile(f.theirs, 50),
					percentile(f.theirs, 95), f.theirsResent + "/" + RUNS);
		}
		double base = percentile(results.get(KeyType.EC_P256).handshake, 50);
		for (Map.Entry<KeyType, Figures> entry : results.entrySet()) {
			double ratio = percentile(entry.getValue().handshake, 50) / base;
			System.out.printf("  Keysmith %s handshake p50 = %.2f x EC P-256: %s; flights resent in %d runs%n",
					entry.getKey().label(), ratio, (ratio <= 1.5) ? "within 1.5x" : "OVER 1.5x",
					entry.getValue().oursResent);
		}
		System.out.println();
	}

	/**
	 * Fresh handshakes + POST per second, one after another, with the JDK's providers
	 * doing the DTLS client's ECDHE and ECDSA (as Keysmith runs), then with ACCP
	 * installed JVM-wide at the head of the list (Scandium takes its crypto from the
	 * JVM-wide providers: it cannot be given one), beside coap-client-openssl. EC P-256
	 * device, same server.
	 */
	@Test
	void handshakesPerSecondByProvider() throws Exception {
		int runs = 200;
		try (ThingsBoardDouble thingsBoard = ThingsBoardDouble.start()) {
			IssuedCredential device = new CertificateIssuer().issue(KeyType.EC_P256, "bench-rate", 30);
			TestClients.client(thingsBoard)
				.createDeviceWithCredentials("bench-rate", null, PemCodec.certificate(device.certificate()));
			InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), thingsBoard.coapPort());
			ServerTrust trust = new ServerTrust.TrustedCas(List.of(thingsBoard.serverCa()), "bench");
			Map<String, Figures> results = new LinkedHashMap<>();
			results.put("JDK providers (SunEC), as Keysmith runs", rate(device, trust, address, runs));
			LentEcProvider.lend(CryptoProvider.ACCP.provider());
			try {
				results.put("ACCP's EC services lent JVM-wide", rate(device, trust, address, runs));
			}
			finally {
				LentEcProvider.recall();
			}
			Path dir = Files.createTempDirectory("verify-rate");
			Files.writeString(dir.resolve("cert.pem"), PemCodec.certificate(device.certificate()));
			Files.writeString(dir.resolve("key.pem"), PemCodec.privateKey(device));
			List<String> command = List.of("coap-client-openssl", "-v", "7", "-B", "20", "-c", "cert.pem", "-j",
					"key.pem", "-m", "POST", "-t", "application/json", "-e", "{\"temperature\":43}",
					"coaps://127.0.0.1:" + thingsBoard.coapPort() + "/api/v1/telemetry");
			Figures libcoap = new Figures();
			long started = System.nanoTime();
			for (int i = 0; i < runs / 4; i++) {
				libcoap(command, dir, libcoap);
			}
			double libcoapRate = (runs / 4) / ((System.nanoTime() - started) / 1e9);
			System.out.printf("%nFresh DTLS handshake + POST, EC P-256 device, one after another (%d runs after %d "
					+ "warm-up)%n", runs, WARM_UP);
			results.forEach((label, f) -> System.out.printf(
					"  Keysmith, %-40s %6.1f runs/s  handshake p50/p95 %4.1f/%-4.1f ms%n", label + ":", f.rate,
					percentile(f.handshake, 50), percentile(f.handshake, 95)));
			System.out.printf(
					"  coap-client-openssl (a process per run):           %6.1f runs/s  total p50/p95 %4.1f/%-4.1f ms%n%n",
					libcoapRate, percentile(libcoap.theirs, 50), percentile(libcoap.theirs, 95));
		}
	}

	private static Figures rate(IssuedCredential device, ServerTrust trust, InetSocketAddress address, int runs) {
		for (int i = 0; i < WARM_UP; i++) {
			keysmith(device, trust, address, new Figures());
		}
		Figures figures = new Figures();
		long started = System.nanoTime();
		for (int i = 0; i < runs; i++) {
			keysmith(device, trust, address, figures);
		}
		figures.rate = runs / ((System.nanoTime() - started) / 1e9);
		return figures;
	}

	private static Figures measure(ThingsBoardDouble thingsBoard, KeyType type) throws Exception {
		String name = "bench-" + type.name().toLowerCase();
		IssuedCredential device = new CertificateIssuer().issue(type, name, 30);
		TestClients.client(thingsBoard)
			.createDeviceWithCredentials(name, null, PemCodec.certificate(device.certificate()));
		Path dir = Files.createTempDirectory("verify-bench");
		Files.writeString(dir.resolve("cert.pem"), PemCodec.certificate(device.certificate()));
		Files.writeString(dir.resolve("key.pem"), PemCodec.privateKey(device));
		InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), thingsBoard.coapPort());
		ServerTrust trust = new ServerTrust.TrustedCas(List.of(thingsBoard.serverCa()), "bench");
		List<String> command = List.of("coap-client-openssl", "-v", "7", "-B", "20", "-c", "cert.pem", "-j", "key.pem",
				"-m", "POST", "-t", "application/json", "-e", "{\"temperature\":43}",
				"coaps://127.0.0.1:" + thingsBoard.coapPort() + "/api/v1/telemetry");
		Figures figures = new Figures();
		for (int i = 0; i < WARM_UP + RUNS; i++) {
			boolean counted = i >= WARM_UP;
			keysmith(device, trust, address, counted ? figures : new Figures());
			libcoap(command, dir, counted ? figures : new Figures());
		}
		return figures;
	}

	private static void keysmith(IssuedCredential device, ServerTrust trust, InetSocketAddress address,
			Figures figures) {
		long started = System.nanoTime();
		DtlsIdentity identity = new DtlsIdentity(device.privateKey(), device.certificate());
		try (DtlsClient client = DtlsClient.open(PROPERTIES, identity, trust, "127.0.0.1", address, true, (note) -> {
		})) {
			DtlsClient.Exchange exchange = client.post("/api/v1/telemetry", "{\"temperature\":43}");
			if (exchange.response() == null || exchange.response().getCode() != CoAP.ResponseCode.CREATED) {
				throw new IllegalStateException("Keysmith's POST did not get 2.01: " + exchange);
			}
			HandshakeReport handshake = client.handshake();
			figures.handshake.add((double) handshake.durationMillis());
			figures.oursResent += handshake.retransmittedFlights().isEmpty() ? 0 : 1;
		}
		figures.ours.add((System.nanoTime() - started) / 1e6);
	}

	private static void libcoap(List<String> command, Path dir, Figures figures) throws Exception {
		long started = System.nanoTime();
		Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(30, TimeUnit.SECONDS) || !output.contains("c:2.01")) {
			throw new IllegalStateException("libcoap's POST did not get 2.01:\n" + output);
		}
		figures.theirs.add((System.nanoTime() - started) / 1e6);
		Matcher resent = LIBCOAP_RETRANSMISSION.matcher(output);
		figures.theirsResent += resent.find() ? 1 : 0;
	}

	private static double percentile(List<Double> values, int percentile) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index));
	}

	private static final class Figures {

		final List<Double> handshake = new ArrayList<>();

		final List<Double> ours = new ArrayList<>();

		final List<Double> theirs = new ArrayList<>();

		int oursResent;

		int theirsResent;

		double rate;

	}

}

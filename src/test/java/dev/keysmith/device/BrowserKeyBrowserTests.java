package dev.keysmith.device;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.Openssl;
import dev.keysmith.push.PushService;
import dev.keysmith.testkit.Browser;
import dev.keysmith.testkit.NeedsBrowser;
import dev.keysmith.testkit.NeedsLibcoap;
import dev.keysmith.testkit.NeedsOpenssl;
import dev.keysmith.testkit.Shell;
import dev.keysmith.testkit.TbState;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.TrustedServers;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator makes a device's key in headless Chromium: every request the page sends is
 * recorded twice (by a filter in front of Keysmith, and in Chrome's own network log) and
 * holds no form of the private key; the key file the browser saves matches the
 * certificate (openssl), and libcoap posts telemetry with them after the push.
 * Screenshots under target/screenshots.
 */
@NeedsBrowser
@NeedsOpenssl
@NeedsLibcoap
@Import(BrowserKeyBrowserTests.Recording.class)
class BrowserKeyBrowserTests extends KeysmithTestSupport {

	static final List<String> recorded = Collections.synchronizedList(new ArrayList<>());

	@TempDir
	static Path downloads;

	static ThingsBoardDouble thingsBoard;

	static Browser browser;

	@LocalServerPort
	int port;

	@Autowired
	ThingsBoardServerService servers;

	@Autowired
	DeviceService devices;

	@Autowired
	PushService push;

	@BeforeAll
	static void start() {
		thingsBoard = ThingsBoardDouble.start().publishServerCa();
		browser = Browser.recordingNetwork(downloads);
	}

	@AfterAll
	static void stop() {
		browser.close();
		thingsBoard.close();
	}

	@Test
	void operatorMakesKeyInBrowserThenKeyNeverSentMatchesCertificateAndLibcoapPostsTelemetry() throws Exception {
		String name = "browser-key-" + UUID.randomUUID().toString().substring(0, 8);
		String taken = this.devices.create(name + "-taken", KeyType.EC_P256, 30, "admin").getName();
		logIn();
		browser.open(url("/devices/new"));
		browser.find("input[name=name]").sendKeys(taken);
		browser.find("input[name=validityDays]").clear();
		browser.find("input[name=validityDays]").sendKeys("90");
		shot("01-form");
		browser.find("#key-maker-browser").click();
		assertThat(browser.find("#create-device-button").getText()).isEqualTo("Make the key in this browser");
		assertThat(browser.text()).contains("The private key never leaves this browser")
			.doesNotContain("Keysmith generates the key pair");
		shot("02-in-this-browser");
		browser.networkRequests(); // the log so far (the sign-in) is not the flow's
		recorded.clear();
		browser.find("#create-device-button").click();
		browser.until((d) -> browser.find("#browser-key-error").isDisplayed(), Duration.ofSeconds(20));
		assertThat(browser.find("#browser-key-error").getText())
			.isEqualTo("A device named '" + taken + "' already exists");
		browser.find("input[name=name]").clear();
		browser.find("input[name=name]").sendKeys(" ");
		browser.find("#create-device-button").click();
		browser.until((d) -> "true".equals(browser.find("input[name=name]").getDomAttribute("aria-invalid")),
				Duration.ofSeconds(20));
		assertThat(browser.find("#browser-key-error").getText()).contains("name");
		shot("03-refused");
		browser.find("input[name=name]").clear();
		browser.find("input[name=name]").sendKeys(name);
		browser.find("#create-device-button").click();
		browser.until((d) -> browser.find("#browser-key-result").isDisplayed(), Duration.ofSeconds(20));
		assertThat(browser.text()).contains("This is the only copy of the private key");
		shot("04-only-copy");
		browser.find("#download-key").click();
		browser.find("#download-cert").click();
		Path keyFile = downloads.resolve(name + ".key.pem");
		Path certFile = downloads.resolve(name + ".cert.pem");
		browser.until((d) -> Files.exists(keyFile) && Files.exists(certFile), Duration.ofSeconds(20));
		List<String> chromeLog = browser.networkRequests();
		List<String> serverLog = List.copyOf(recorded);

		// the key file: PKCS#8 PEM whose public key is the certificate's
		String keyPem = Files.readString(keyFile);
		assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
		assertThat(Openssl.run(downloads, "pkey", "-in", keyFile.toString(), "-pubout"))
			.isEqualTo(Openssl.run(downloads, "x509", "-in", certFile.toString(), "-pubkey", "-noout"));
		assertThat(Openssl.run(downloads, "verify", "-CAfile", certFile.toString(), certFile.toString()))
			.contains(": OK");

		// the private key, in every form it could travel in, is in no request
		List<String> secrets = secretForms(keyPem);
		String publicKey = Base64.getEncoder()
			.encodeToString(Openssl.run(downloads, "pkey", "-in", keyFile.toString(), "-pubout")
				.replaceAll("-----[A-Z ]+-----|\\s", "")
				.transform(Base64.getDecoder()::decode));
		assertThat(serverLog).as("the filter saw the page's posts, bodies included")
			.anySatisfy((r) -> assertThat(r).contains("POST /devices/browser-key ").contains(publicKey))
			.anySatisfy((r) -> assertThat(r).matches("(?s)POST /devices/browser-key/[0-9a-f-]{36} .*signature.*"));
		assertThat(chromeLog).as("Chrome's log has the page's posts, bodies included")
			.anySatisfy((r) -> assertThat(unescape(r)).contains("/devices/browser-key").contains(publicKey));
		for (String request : concat(serverLog, chromeLog)) {
			String text = unescape(request);
			for (String secret : secrets) {
				assertThat(text).as("a request holds the private key").doesNotContainIgnoringCase(secret);
			}
		}

		// the device: certificate only, key held by the operator
		Device device = this.devices.findByName(name).orElseThrow();
		assertThat(device.getOrigin()).isEqualTo(CredentialOrigin.BROWSER);
		assertThat(device.hasPrivateKey()).isFalse();
		browser.open(url("/devices/" + device.getId()));
		assertThat(browser.text()).contains("Key made in the operator's browser by admin")
			.contains("Not held by Keysmith: key held by the operator");
		shot("05-device-page");

		// ThingsBoard takes it, and libcoap speaks as the device with the downloaded
		// files
		UUID serverId = TrustedServers.add(this.servers, thingsBoard, "browser-key");
		String thingsBoardId = this.push.push(device.getId(), serverId, null, "admin").thingsboardDeviceId();
		String output = Shell.run(downloads,
				"coap-client-openssl -v 6 -c '%s' -j '%s' -m POST -t application/json -e '{\"temperature\":43}' "
					.formatted(certFile.getFileName(), keyFile.getFileName()) + "coaps://127.0.0.1:"
						+ thingsBoard.coapPort() + "/api/v1/telemetry");
		assertThat(output).containsPattern("t:CON c:2\\.01");
		assertThat(thingsBoard.latestTelemetry(thingsBoardId, "temperature")).get()
			.extracting(TbState.TsEntry::value)
			.isEqualTo("43");
	}

	@Test
	void ecdsaRawToDerWhenHighBitsAndLeadingZerosThenTheDerX509Wants() throws Exception {
		logIn();
		byte[][] values = { filled(0x80), filled(0x7f), leadingZeros(0x80, 1), leadingZeros(0x01, 31),
				leadingZeros(0x7f, 3), filled(0xff) };
		for (byte[] r : values) {
			for (byte[] s : values) {
				byte[] raw = new byte[64];
				System.arraycopy(r, 0, raw, 0, 32);
				System.arraycopy(s, 0, raw, 32, 32);
				@SuppressWarnings("unchecked")
				List<Number> der = (List<Number>) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
					.executeScript(
							"return Array.from(window.keysmithDer.ecdsaRawToDer(Uint8Array.from(arguments[0])));",
							toInts(raw));
				byte[] expected = new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
						new org.bouncycastle.asn1.ASN1Integer(new BigInteger(1, r)),
						new org.bouncycastle.asn1.ASN1Integer(new BigInteger(1, s)) })
					.getEncoded();
				assertThat(der.stream().mapToInt(Number::intValue).toArray()).as(HexFormat.of().formatHex(raw))
					.isEqualTo(toInts(expected).stream().mapToInt(Integer::intValue).toArray());
			}
		}
	}

	private static byte[] filled(int value) {
		byte[] bytes = new byte[32];
		java.util.Arrays.fill(bytes, (byte) value);
		return bytes;
	}

	private static byte[] leadingZeros(int value, int zeros) {
		byte[] bytes = filled(value);
		java.util.Arrays.fill(bytes, 0, zeros, (byte) 0);
		return bytes;
	}

	private static List<Integer> toInts(byte[] bytes) {
		List<Integer> ints = new ArrayList<>();
		for (byte b : bytes) {
			ints.add(b & 0xff);
		}
		return ints;
	}

	/**
	 * The PKCS#8 key as DER (base64, base64url, hex), each line of its PEM, and its
	 * private scalar (hex, base64, base64url as a JWK's {@code d}, decimal).
	 */
	private static List<String> secretForms(String pem) throws IOException {
		List<String> lines = pem.lines().filter((line) -> !line.startsWith("-----")).toList();
		byte[] pkcs8 = Base64.getDecoder().decode(String.join("", lines));
		BigInteger scalar = ECPrivateKey.getInstance(PrivateKeyInfo.getInstance(pkcs8).parsePrivateKey()).getKey();
		byte[] d = new byte[32];
		byte[] magnitude = scalar.toByteArray();
		int length = Math.min(magnitude.length, 32);
		System.arraycopy(magnitude, magnitude.length - length, d, 32 - length, length);
		List<String> forms = new ArrayList<>(lines);
		forms.add(Base64.getEncoder().encodeToString(pkcs8));
		forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(pkcs8));
		forms.add(HexFormat.of().formatHex(pkcs8));
		forms.add(HexFormat.of().formatHex(d));
		forms.add(Base64.getEncoder().encodeToString(d));
		forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(d));
		forms.add(scalar.toString());
		return forms;
	}

	/**
	 * JSON's escaped slashes and percent-encoding undone, so a key cannot hide in them.
	 */
	private static String unescape(String text) {
		String plain = text.replace("\\/", "/").replace("\\u002B", "+").replace("\\u002b", "+");
		try {
			return plain + "\n" + java.net.URLDecoder.decode(plain.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return plain;
		}
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	private void logIn() {
		browser.driver().manage().deleteAllCookies();
		browser.open(url("/devices/new"));
		browser.signIn("admin", ADMIN_PASSWORD);
		browser.until((d) -> d.getCurrentUrl().matches(".*/devices/new(\\?.*)?"), Duration.ofSeconds(10));
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private void shot(String step) {
		browser.screenshot("BrowserKeyBrowserTests-" + step);
	}

	/** Records each request that reaches Keysmith: line, headers and body. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Recording {

		@Bean
		FilterRegistrationBean<OncePerRequestFilter> requestRecorder() {
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
					new RequestRecorder());
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			registration.addUrlPatterns("/*");
			return registration;
		}

	}

	static final class RequestRecorder extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			StringBuilder record = new StringBuilder(request.getMethod()).append(' ')
				.append(request.getRequestURI())
				.append((request.getQueryString() != null) ? "?" + request.getQueryString() : "")
				.append(" \n");
			Collections.list(request.getHeaderNames())
				.forEach((header) -> record.append(header).append(": ").append(request.getHeader(header)).append('\n'));
			String type = String.valueOf(request.getContentType());
			if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/")) {
				// the container parses these; reading the stream here would leave it
				// nothing
				request.getParameterMap()
					.forEach((key,
							values) -> record.append(key).append('=').append(String.join(",", values)).append('\n'));
				recorded.add(record.toString());
				chain.doFilter(request, response);
				return;
			}
			byte[] body = request.getInputStream().readAllBytes();
			record.append(new String(body, StandardCharsets.ISO_8859_1));
			recorded.add(record.toString());
			chain.doFilter(new Replayed(request, body), response);
		}

	}

	/** A request whose body was read, to be read again. */
	static final class Replayed extends HttpServletRequestWrapper {

		private final byte[] body;

		Replayed(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}

			};
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

	}

}

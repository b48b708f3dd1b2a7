package dev.keysmith.device;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.Openssl;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.push.PushService;
import dev.keysmith.testkit.NeedsCCompiler;
import dev.keysmith.testkit.NeedsOpenssl;
import dev.keysmith.testkit.TestCa;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.testkit.TrustedServers;
import dev.keysmith.thingsboard.ServerSettings;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundle's firmware/credentials.h as firmware builds use it: a C program (built by
 * gcc as C99 and by g++ as C++, warnings as errors, the header in two translation units)
 * writes out every PEM string and DER array, and each must be byte for byte what openssl
 * makes of the bundle's PEM files; mbedTLS (the TLS library of ESP-IDF and Zephyr) reads
 * them all.
 */
@ThingsBoardDoubleTest(publishServerCa = true)
@NeedsCCompiler
@NeedsOpenssl
class FirmwareHeaderTests extends KeysmithTestSupport {

	static ThingsBoardDouble thingsBoard;

	/** Writes each symbol the header defines into a file of its own, in the folder. */
	private static final String PROGRAM = """
			#include <stdio.h>
			#include <string.h>
			#include "credentials.h"
			#include "credentials.h"

			int other(void);

			static int put(const char *name, const void *data, size_t length)
			{
				FILE *file = fopen(name, "wb");
				size_t written;
				if (file == NULL) {
					return 1;
				}
				written = fwrite(data, 1, length, file);
				return (fclose(file) != 0 || written != length) ? 1 : 0;
			}

			/* a PEM string holds no NUL: sizeof counts its text and the one NUL that ends it */
			static int pem(const char *name, const char *text, size_t size)
			{
				return (strlen(text) + 1 != size) ? 1 : put(name, text, size - 1);
			}

			int main(void)
			{
				int failed = (other() != KEYSMITH_DEVICE_CERT_DER_LEN);
				char port[16];
				failed |= put("name.out", KEYSMITH_DEVICE_NAME, sizeof(KEYSMITH_DEVICE_NAME) - 1);
				failed |= pem("cert.pem.out", KEYSMITH_DEVICE_CERT_PEM, sizeof(KEYSMITH_DEVICE_CERT_PEM));
				failed |= (sizeof(KEYSMITH_DEVICE_CERT_DER) != KEYSMITH_DEVICE_CERT_DER_LEN);
				failed |= put("cert.der.out", KEYSMITH_DEVICE_CERT_DER, KEYSMITH_DEVICE_CERT_DER_LEN);
			#if KEYSMITH_HAS_DEVICE_KEY
				failed |= pem("key.pem.out", KEYSMITH_DEVICE_KEY_PEM, sizeof(KEYSMITH_DEVICE_KEY_PEM));
				failed |= (sizeof(KEYSMITH_DEVICE_KEY_DER) != KEYSMITH_DEVICE_KEY_DER_LEN);
				failed |= put("key.der.out", KEYSMITH_DEVICE_KEY_DER, KEYSMITH_DEVICE_KEY_DER_LEN);
			#endif
			#if KEYSMITH_HAS_SERVER_CA
				failed |= pem("ca.pem.out", KEYSMITH_SERVER_CA_PEM, sizeof(KEYSMITH_SERVER_CA_PEM));
				failed |= (sizeof(KEYSMITH_SERVER_CA_DER) != KEYSMITH_SERVER_CA_DER_LEN);
				failed |= put("ca.der.out", KEYSMITH_SERVER_CA_DER, KEYSMITH_SERVER_CA_DER_LEN);
			#endif
			#if KEYSMITH_HAS_COAP_SERVER
				failed |= put("coap-host.out", KEYSMITH_COAP_HOST, sizeof(KEYSMITH_COAP_HOST) - 1);
				sprintf(port, "%d", KEYSMITH_COAP_PORT);
				failed |= put("coap-port.out", port, strlen(port));
			#else
				port[0] = '\\0';
				failed |= (port[0] != '\\0');
			#endif
				return failed;
			}
			""";

	/** A second translation unit: static symbols, so no clash when linked. */
	private static final String OTHER = """
			#include "credentials.h"

			int other(void)
			{
				return (int) sizeof(KEYSMITH_DEVICE_CERT_DER);
			}
			""";

	@Autowired
	DeviceService devices;

	@Autowired
	ThingsBoardServerService servers;

	@Autowired
	PushService push;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path dir;

	@ParameterizedTest
	@EnumSource(value = KeyType.class, names = { "EC_P256", "EC_P384", "RSA_2048" })
	void headerWhenNeverPushedThenCompilesAndCertificateAndKeyMatchOpenssl(KeyType keyType) throws Exception {
		Device device = this.devices.create("firmware-" + UUID.randomUUID(), keyType, 30, "admin");
		Path bundle = unzipBundle(device.getId());
		String header = Files.readString(bundle.resolve("firmware/credentials.h"));
		assertThat(header)
			.contains("#define KEYSMITH_HAS_DEVICE_KEY 1", "#define KEYSMITH_HAS_SERVER_CA 0",
					"#define KEYSMITH_HAS_COAP_SERVER 0", "SECRET")
			.doesNotContain("KEYSMITH_SERVER_CA_PEM", "#define KEYSMITH_COAP_HOST");

		for (Path out : compileAndRun(bundle)) {
			assertCertificateAndName(bundle, out, device.getName());
			assertKey(bundle, out);
			assertThat(out.resolve("ca.der.out")).doesNotExist();
			assertThat(out.resolve("coap-host.out")).doesNotExist();
		}
	}

	@Test
	void headerWhenPushedToServerWithConfirmedCaThenCarriesTheCaAndTheCoapEndpoint() throws Exception {
		UUID serverId = TrustedServers.add(this.servers, thingsBoard, "firmware");
		Device device = this.devices.create("firmware-pushed-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		this.push.push(device.getId(), serverId, null, "admin");
		Path bundle = unzipBundle(device.getId());
		assertThat(Files.readString(bundle.resolve("firmware/credentials.h")))
			.contains("#define KEYSMITH_HAS_SERVER_CA 1", "#define KEYSMITH_HAS_COAP_SERVER 1");

		Openssl.run(bundle, "x509", "-in", "ca.pem", "-outform", "DER", "-out", "ca.openssl.der");
		for (Path out : compileAndRun(bundle)) {
			assertCertificateAndName(bundle, out, device.getName());
			assertKey(bundle, out);
			assertThat(out.resolve("ca.pem.out")).hasSameBinaryContentAs(bundle.resolve("ca.pem"));
			assertThat(out.resolve("ca.der.out")).hasSameBinaryContentAs(bundle.resolve("ca.openssl.der"))
				.hasBinaryContent(thingsBoard.serverCa().getEncoded());
			assertThat(out.resolve("coap-host.out")).hasContent("127.0.0.1");
			assertThat(out.resolve("coap-port.out")).hasContent(String.valueOf(thingsBoard.coapPort()));
		}
	}

	@Test
	void headerWhenKeysmithHoldsNoKeyThenHasNoKeySymbolsAndSaysWhereTheKeyIs() throws Exception {
		var credential = new TestCa("firmware CA").clientCredential(
				new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "cert-only").build(), BigInteger.valueOf(77));
		String id = JsonPath.read(this.mvc.post()
			.uri("/api/devices/import")
			.multipart()
			.file(new MockMultipartFile("cert", "cert.pem", "text/plain",
					PemCodec.certificate(credential.certificate()).getBytes(StandardCharsets.US_ASCII)))
			.param("name", "firmware-cert-only-" + UUID.randomUUID())
			.with(admin())
			.exchange()
			.getResponse()
			.getContentAsString(), "$.id");
		Path bundle = unzipBundle(UUID.fromString(id));
		assertThat(bundle.resolve("key.pem")).doesNotExist();
		String header = Files.readString(bundle.resolve("firmware/credentials.h"));
		assertThat(header).contains("#define KEYSMITH_HAS_DEVICE_KEY 0", "imported without it")
			.doesNotContain("KEYSMITH_DEVICE_KEY_PEM", "KEYSMITH_DEVICE_KEY_DER", "PRIVATE KEY", "SECRET");

		for (Path out : compileAndRun(bundle)) {
			assertCertificateAndName(bundle, out, this.devices.get(UUID.fromString(id)).getName());
			assertThat(out.resolve("key.der.out")).doesNotExist();
		}
	}

	@Test
	void headerWhenTheDeviceKeepsItsKeyThenHasNoKeySymbolsAndSaysTheKeyIsOnTheDevice() throws Exception {
		String caId = JsonPath
			.read(postJson("/api/cas", "{\"name\":\"firmware CA " + UUID.randomUUID() + "\"}").getResponse()
				.getContentAsString(), "$.id");
		String name = "firmware-csr-" + UUID.randomUUID();
		Openssl.run(this.dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
				"-keyout", "device.key", "-out", "device.csr", "-subj", "/CN=" + name);
		var created = this.mvc.post()
			.uri("/api/devices/csr")
			.multipart()
			.file(new MockMultipartFile("csr", "device.csr", "application/octet-stream",
					Files.readAllBytes(this.dir.resolve("device.csr"))))
			.param("caId", caId)
			.with(admin())
			.exchange();
		assertThat(created).hasStatus(HttpStatus.CREATED);
		Path bundle = unzipBundle(UUID.fromString(JsonPath.read(created.getResponse().getContentAsString(), "$.id")));
		String header = Files.readString(bundle.resolve("firmware/credentials.h"));
		assertThat(header).contains("#define KEYSMITH_HAS_DEVICE_KEY 0", "the key stays on the device")
			.doesNotContain("KEYSMITH_DEVICE_KEY_PEM", "KEYSMITH_DEVICE_KEY_DER", "PRIVATE KEY", "SECRET");

		for (Path out : compileAndRun(bundle)) {
			assertCertificateAndName(bundle, out, name);
			assertThat(out.resolve("key.der.out")).doesNotExist();
		}
	}

	@Test
	void headerWhenStoredNameAndHostAreHostileThenCompilesAndHoldsThemByteForByte() throws Exception {
		UUID serverId = this.servers
			.create(new ServerSettings("firmware-*/ #error server /* ??/ " + UUID.randomUUID(), "http://tb.example.com",
					null, null, "key", "127.0.0.1", 5690, null, null, null, null))
			.getId();
		String host = "h\"*/ #error host /*??/\\\n#error line\u202E";
		// as an old database may hold them, from before names and hosts were checked
		this.jdbc.update("update thingsboard_server set coap_host = ? where id = ?", host, serverId);
		Device device = this.devices.create("firmware-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		String name = "evil */ #error name /* ??/ \"q\\ \n#error line\r\u0000 é\u202E??= " + device.getId();
		this.jdbc.update("update device set name = ? where id = ?", name, device.getId());
		this.devices.recordPush(device.getId(), serverId, "tb-device-id", "firmware server", "admin");
		Path bundle = unzipBundle(device.getId());
		String header = Files.readString(bundle.resolve("firmware/credentials.h"), StandardCharsets.US_ASCII);
		assertThat(header.chars()).allMatch((c) -> c == '\n' || (c >= 0x20 && c <= 0x7E));
		assertThat(header.lines()).noneMatch((line) -> line.startsWith("#error"));
		assertThat(header).contains("#define KEYSMITH_HAS_SERVER_CA 0", "Keysmith knows no confirmed CA");

		for (Path out : compileAndRun(bundle)) {
			assertThat(out.resolve("name.out")).hasBinaryContent(name.getBytes(StandardCharsets.UTF_8));
			assertThat(out.resolve("coap-host.out")).hasBinaryContent(host.getBytes(StandardCharsets.UTF_8));
			assertThat(out.resolve("coap-port.out")).hasContent("5690");
		}
	}

	@ParameterizedTest
	@EnumSource(value = KeyType.class, names = { "EC_P256", "EC_P384", "RSA_2048" })
	void headerWhenReadByMbedTlsThenEveryCredentialParsesAndTheKeyMatchesTheCertificate(KeyType keyType)
			throws Exception {
		UUID serverId = TrustedServers.add(this.servers, thingsBoard, "firmware-mbedtls");
		Device device = this.devices.create("firmware-mbedtls-" + UUID.randomUUID(), keyType, 30, "admin");
		this.push.push(device.getId(), serverId, null, "admin");
		Path bundle = unzipBundle(device.getId());
		try (var program = getClass().getResourceAsStream("mbedtls-reads-credentials.c")) {
			Files.write(bundle.resolve("mbedtls.c"), program.readAllBytes());
		}
		run(bundle, List.of("gcc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-I", "firmware", "-o",
				"mbedtls.bin", "mbedtls.c", "-lmbedx509", "-lmbedcrypto"));
		assertThat(run(bundle, List.of(bundle.resolve("mbedtls.bin").toString())))
			.containsPattern("mbedTLS [0-9.]+ read every credential");
	}

	private void assertCertificateAndName(Path bundle, Path out, String name) {
		Openssl.run(bundle, "x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.openssl.der");
		assertThat(out.resolve("cert.pem.out")).hasSameBinaryContentAs(bundle.resolve("cert.pem"));
		assertThat(out.resolve("cert.der.out")).hasSameBinaryContentAs(bundle.resolve("cert.openssl.der"))
			.hasSameBinaryContentAs(bundle.resolve("cert.der"));
		assertThat(out.resolve("name.out")).hasBinaryContent(name.getBytes(StandardCharsets.UTF_8));
	}

	/** PKCS#8: the PEM is key.pkcs8.pem, the DER what openssl makes of key.pem. */
	private void assertKey(Path bundle, Path out) {
		Openssl.run(bundle, "pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-outform", "DER", "-out",
				"key.openssl.der");
		assertThat(out.resolve("key.pem.out")).hasSameBinaryContentAs(bundle.resolve("key.pkcs8.pem"));
		assertThat(out.resolve("key.der.out")).hasSameBinaryContentAs(bundle.resolve("key.openssl.der"));
		Openssl.run(out, "pkey", "-inform", "DER", "-in", "key.der.out", "-check", "-noout");
	}

	private Path unzipBundle(UUID deviceId) throws Exception {
		var result = this.mvc.get().uri("/api/devices/" + deviceId + "/bundle.zip").with(admin()).exchange();
		assertThat(result).hasStatus(HttpStatus.OK);
		Path bundle = Files.createDirectories(this.dir.resolve("bundle"));
		try (ZipInputStream in = new ZipInputStream(
				new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				Path file = bundle.resolve(entry.getName());
				Files.createDirectories(file.getParent());
				Files.write(file, in.readAllBytes());
			}
		}
		return bundle;
	}

	/**
	 * Builds the program as C99 and as C++, runs each in a folder of its own and returns
	 * the folders.
	 */
	private List<Path> compileAndRun(Path bundle) throws Exception {
		Files.writeString(bundle.resolve("main.c"), PROGRAM);
		Files.writeString(bundle.resolve("other.c"), OTHER);
		List<Path> folders = new ArrayList<>();
		for (List<String> compiler : List.of(List.of("gcc", "-std=c99"), List.of("g++", "-std=c++11", "-x", "c++"))) {
			String program = compiler.get(0) + ".bin";
			List<String> command = new ArrayList<>(compiler);
			command.addAll(List.of("-Wall", "-Wextra", "-Werror", "-pedantic", "-I", "firmware", "-o", program,
					"main.c", "other.c"));
			run(bundle, command);
			Path out = Files.createDirectories(bundle.resolve("out-" + compiler.get(0)));
			run(out, List.of(bundle.resolve(program).toString()));
			folders.add(out);
		}
		return folders;
	}

	/** What the command printed; it must exit 0. */
	private static String run(Path directory, List<String> command) throws IOException, InterruptedException {
		Process process;
		try {
			process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new AssertionError(command.get(0) + " cannot be run: ./test installs gcc, g++ and libmbedtls-dev",
					ex);
		}
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", command) + " still running after 60 s");
		}
		assertThat(process.exitValue()).as("%s exited with:%n%s", String.join(" ", command), output).isZero();
		return output;
	}

}

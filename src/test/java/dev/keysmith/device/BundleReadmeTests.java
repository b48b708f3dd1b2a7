package dev.keysmith.device;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.TestCa;
import dev.keysmith.thingsboard.ServerSettings;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README of a bundle is pasted into shells and read by people: what it prints from
 * stored values (a CoAP host an old database may hold, a certificate subject) runs
 * nothing and adds no line.
 */
class BundleReadmeTests extends KeysmithTestSupport {

	@Autowired
	DeviceService devices;

	@Autowired
	ThingsBoardServerService servers;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path shellDir;

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1$(touch pwned)", "127.0.0.1;touch pwned", "127.0.0.1`touch pwned`",
			"127.0.0.1 && touch pwned", "127.0.0.1'$(touch pwned)'", "127.0.0.1\ntouch pwned", "127.0.0.1|tee pwned" })
	void readmeWhenStoredCoapHostIsHostileThenItsCommandRunsNothingAndPassesExactArguments(String host)
			throws Exception {
		UUID serverId = this.servers
			.create(new ServerSettings("readme-" + UUID.randomUUID(), "http://tb.example.com", null, null, "key",
					"127.0.0.1", 5690, null, null, null, null))
			.getId();
		// as an old database may hold it, from before hosts were checked
		this.jdbc.update("update thingsboard_server set coap_host = ? where id = ?", host, serverId);
		Device device = this.devices.create("readme-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		this.devices.recordPush(device.getId(), serverId, "tb-device-id", "readme server", "admin");

		String command = commandLine(readme(device.getId()));
		String printed = "coaps://" + host.replace("\n", "\\n") + ":5690/api/v1/telemetry";
		List<String> expected = List.of("-c", "cert.pem", "-j", "key.pem", "-m", "POST", "-t", "application/json", "-e",
				"{\"temperature\":43}", printed);
		String printing = command.replaceFirst("^coap-client-openssl ", "printf '%s\\\\n' ");
		for (String shell : List.of("sh", "bash")) {
			assertThat(run(shell, printing)).as(shell).isEqualTo(expected);
		}
		try (Stream<Path> files = Files.list(this.shellDir)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void readmeWhenSubjectHoldsLineBreaksThenTheyAddNoLine() throws Exception {
		IssuedCredential credential = new TestCa("readme CA").clientCredential(
				new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "evil\nInjected: line\rAnother: line")
					.addRDN(BCStyle.O, "tab\there")
					.build(),
				BigInteger.valueOf(4242));
		String id = com.jayway.jsonpath.JsonPath.read(this.mvc.post()
			.uri("/api/devices/import")
			.multipart()
			.file(new MockMultipartFile("cert", "cert.pem", "text/plain",
					PemCodec.certificate(credential.certificate()).getBytes(StandardCharsets.US_ASCII)))
			.file(new MockMultipartFile("key", "key.pem", "text/plain",
					PemCodec.privateKey(credential).getBytes(StandardCharsets.US_ASCII)))
			.param("name", "crlf-subject-" + UUID.randomUUID())
			.with(admin())
			.exchange()
			.getResponse()
			.getContentAsString(), "$.id");

		String readme = readme(UUID.fromString(id));
		assertThat(readme).doesNotContain("\r").doesNotContain("\t");
		assertThat(readme.lines()).noneMatch((line) -> line.startsWith("Injected") || line.startsWith("Another"));
		assertThat(readme.lines().filter((line) -> line.contains("Subject:"))).singleElement()
			.asString()
			.contains("evil\\nInjected: line\\rAnother: line")
			.contains("tab\\there");
	}

	private String readme(UUID deviceId) throws Exception {
		var result = this.mvc.get().uri("/api/devices/" + deviceId + "/bundle.zip").with(admin()).exchange();
		assertThat(result).hasStatus(HttpStatus.OK);
		return DevicePagesTests
			.text(DevicePagesTests.unzip(result.getResponse().getContentAsByteArray()).get("README.txt"));
	}

	private static String commandLine(String readme) {
		return readme.lines()
			.map(String::strip)
			.filter((line) -> line.startsWith("coap-client-openssl "))
			.findFirst()
			.orElseThrow();
	}

	private List<String> run(String shell, String command) throws Exception {
		Process process = new ProcessBuilder(shell, "-c", command).directory(this.shellDir.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return output.lines().toList();
	}

}

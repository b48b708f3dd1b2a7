package dev.keysmith.device;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.pki.KeyType;
import dev.keysmith.push.PushService;
import dev.keysmith.testkit.NeedsLibcoap;
import dev.keysmith.testkit.Shell;
import dev.keysmith.testkit.TbState;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.thingsboard.ServerSettings;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.thingsboard.client.ThingsBoardClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An independent DTLS stack uses what Keysmith hands out: after a push, libcoap's
 * coap-client-openssl runs the command the bundle's README prints, with the bundle's
 * files, against the double's DTLS port.
 */
@ThingsBoardDoubleTest
@NeedsLibcoap
class BundleInteropTests extends KeysmithTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Autowired
	DeviceService devices;

	@Autowired
	ThingsBoardServerService servers;

	@Autowired
	PushService push;

	@TempDir
	Path bundleDir;

	@Test
	void readmeCommandWhenRunByLibcoapAfterPushThenTelemetryStoredAndReadableOverRest() throws Exception {
		UUID serverId = this.servers
			.create(new ServerSettings("interop-" + UUID.randomUUID(), thingsBoard.baseUrl(),
					ThingsBoardDouble.TENANT_ADMIN, ThingsBoardDouble.TENANT_PASSWORD, null, "127.0.0.1",
					thingsBoard.coapPort(), null, null, null, null))
			.getId();
		Device device = this.devices.create("interop-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		String thingsBoardId = this.push.push(device.getId(), serverId, null, "admin").thingsboardDeviceId();

		unzipBundle(device);
		String command = Files.readAllLines(this.bundleDir.resolve("README.txt"))
			.stream()
			.map(String::strip)
			.filter((line) -> line.startsWith("coap-client-openssl "))
			.findFirst()
			.orElseThrow();
		assertThat(command).endsWith("coaps://127.0.0.1:" + thingsBoard.coapPort() + "/api/v1/telemetry");

		// exactly as printed; libcoap exits 0 whatever happened, so the proof is the
		// stored value
		run(command);
		assertThat(thingsBoard.latestTelemetry(thingsBoardId, "temperature")).get()
			.extracting(TbState.TsEntry::value)
			.isEqualTo("43");
		ThingsBoardClient client = this.servers.client(this.servers.get(serverId));
		assertThat(client.latestTelemetry(thingsBoardId, List.of("temperature")).get("temperature")).singleElement()
			.satisfies((v) -> assertThat(v.value()).isEqualTo("43"));

		// the same command with libcoap's PDU log on shows the response code: a separate
		// 2.01
		String verbose = run(command.replaceFirst("coap-client-openssl ", "coap-client-openssl -v 6 "));
		assertThat(verbose).containsPattern("t:CON c:2\\.01");
	}

	@Test
	void libcoapWhenCertificateNotPushedThenUnauthorized() throws Exception {
		Device device = this.devices.create("interop-unknown-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		unzipBundle(device);
		String output = run("coap-client-openssl -v 6 -c cert.pem -j key.pem -m POST -t application/json -e "
				+ "'{\"temperature\":43}' coaps://127.0.0.1:" + thingsBoard.coapPort() + "/api/v1/telemetry");
		assertThat(output).contains("c:4.01");
	}

	private void unzipBundle(Device device) throws Exception {
		byte[] zip = this.mvc.get()
			.uri("/api/devices/" + device.getId() + "/bundle.zip")
			.with(admin())
			.exchange()
			.getResponse()
			.getContentAsByteArray();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				Path file = this.bundleDir.resolve(entry.getName());
				Files.createDirectories(file.getParent());
				Files.write(file, in.readAllBytes());
			}
		}
	}

	private String run(String command) throws Exception {
		return Shell.run(this.bundleDir, command);
	}

}

package dev.keysmith.lifecycle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceCredential;
import dev.keysmith.device.DeviceCredentials;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.KeyType;
import dev.keysmith.push.PushService;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.TrustedServers;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.verify.RunStatus;
import dev.keysmith.verify.VerificationService;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A pushed device on the ThingsBoard double, and the helpers of the lifecycle tests:
 * start runs through the API, wait for them, read certificates and bundles.
 */
abstract class LifecycleTestSupport extends KeysmithTestSupport {

	@Autowired
	DeviceService devices;

	@Autowired
	DeviceCredentials credentials;

	@Autowired
	ThingsBoardServerService servers;

	@Autowired
	PushService push;

	@Autowired
	VerificationService verifications;

	@Autowired
	LifecycleService lifecycle;

	UUID serverId;

	Device device;

	abstract ThingsBoardDouble thingsBoard();

	@BeforeEach
	void pushedDevice() {
		this.serverId = TrustedServers.add(this.servers, thingsBoard(), "lifecycle");
		this.device = this.devices.create("lifecycle-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		this.push.push(this.device.getId(), this.serverId, null, "admin");
	}

	/** Starts a run through the API: 202 and its ids. */
	Map<String, String> start(String path, String json) throws IOException {
		MvcTestResult started = postJson("/api/devices/" + this.device.getId() + path, json);
		assertThat(started).hasStatus(HttpStatus.ACCEPTED);
		String body = started.getResponse().getContentAsString();
		Map<String, String> ids = new HashMap<>(JsonPath.read(body, "$"));
		assertThat(started).hasHeader("Location", "/api/runs/" + ids.get("runId"));
		return ids;
	}

	LifecycleView finished(String runId) {
		await().atMost(Duration.ofSeconds(90)).until(() -> this.lifecycle.get(UUID.fromString(runId)).finished());
		return this.lifecycle.get(UUID.fromString(runId));
	}

	/** A passing verification of the device's certificate, as an operator runs one. */
	void verifyOnce() throws Exception {
		assertThat(this.verifications.verify(this.device.getId(), this.serverId, null, "admin", Duration.ZERO)
			.verdict()
			.get()
			.status()).isEqualTo(RunStatus.PASSED);
	}

	DeviceCredential credential(String id) {
		return this.credentials.get(this.device.getId(), UUID.fromString(id));
	}

	DeviceCredential credential(UUID id) {
		return this.credentials.get(this.device.getId(), id);
	}

	/** What ThingsBoard holds as the device's credentialsId now. */
	String heldCredentialsId() {
		return thingsBoard().device(this.device.getName()).orElseThrow().credentials.credentialsId;
	}

	/** The files of a certificate's bundle.zip, downloaded through the API. */
	Map<String, String> bundle(UUID certificateId) throws IOException {
		MvcTestResult result = getAsAdmin(
				"/api/devices/" + this.device.getId() + "/certificates/" + certificateId + "/bundle.zip");
		assertThat(result).hasStatusOk();
		Map<String, String> files = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(
				new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.US_ASCII));
			}
		}
		return files;
	}

	static String credentialsIdOf(DeviceCredential credential) {
		return Fingerprints.thingsBoardCredentialsId(Certificates.fromPem(credential.getCertificatePem()));
	}

}

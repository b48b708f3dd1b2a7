package dev.keysmith.verify;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import dev.keysmith.testkit.KeysmithProcess;
import dev.keysmith.testkit.NeedsKeysmithProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run going on when Keysmith is killed is closed as interrupted when it starts again,
 * not left RUNNING.
 */
@NeedsKeysmithProcess
class InterruptedRunCrashTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path dataDir;

	@Test
	void restartWhenKilledDuringARunThenTheRunIsClosedAsInterrupted() throws Exception {
		String masterKey = KeysmithProcess.newMasterKey();
		String runId;
		// a CoAP port that takes the ClientHello and never answers: the handshake waits
		// some 8 s
		try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			try (KeysmithProcess keysmith = KeysmithProcess.start("interrupted-run", this.dataDir, masterKey)) {
				String deviceId = id(keysmith.postJson("/api/devices", "{\"name\":\"interrupted\"}"));
				String serverId = id(keysmith.postJson("/api/thingsboard/servers",
						"{\"name\":\"silent\",\"url\":\"http://127.0.0.1:9\",\"username\":\"tenant\",\"password\":\"x\","
								+ "\"coapHost\":\"127.0.0.1\",\"coapPort\":" + silent.getLocalPort() + "}"));
				HttpResponse<String> started = keysmith.postJson("/api/devices/" + deviceId + "/verifications",
						"{\"serverId\":\"" + serverId + "\"}");
				assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
				runId = this.json.readTree(started.body()).get("runId").asString();
				assertThat(run(keysmith, runId).get("status").asString()).isEqualTo("RUNNING");
				keysmith.kill();
			}
		}
		try (KeysmithProcess keysmith = KeysmithProcess.start("interrupted-run", this.dataDir, masterKey)) {
			JsonNode run = run(keysmith, runId);
			assertThat(run.get("status").asString()).isEqualTo("FAILED");
			assertThat(run.get("diagnosis").asString())
				.isEqualTo("Interrupted: Keysmith stopped while this run was going on. Verify again.");
		}
	}

	private JsonNode run(KeysmithProcess keysmith, String runId) {
		HttpResponse<String> run = keysmith.get("/api/verifications/" + runId);
		assertThat(run.statusCode()).isEqualTo(200);
		return this.json.readTree(run.body());
	}

	private String id(HttpResponse<String> created) {
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return this.json.readTree(created.body()).get("id").asString();
	}

}

package dev.keysmith.verify;

import java.time.Duration;
import java.util.UUID;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.KeyType;
import dev.keysmith.push.PushService;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.testkit.TrustedServers;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verification runs against the double with ThingsBoard's default datagram settings
 * (1,024 and 1,024).
 */
@ThingsBoardDoubleTest(publishServerCa = true)
class VerificationDatagramTests extends KeysmithTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Autowired
	VerificationService verifications;

	@Autowired
	DeviceService devices;

	@Autowired
	ThingsBoardServerService servers;

	@Autowired
	PushService push;

	@Test
	void runWhenRsaDeviceThenPassesWithNoFlightSentAgain() {
		UUID serverId = trustedServer();
		Device device = this.devices.create("datagram-rsa-" + UUID.randomUUID(), KeyType.RSA_2048, 30, "admin");
		this.push.push(device.getId(), serverId, null, "admin");

		RunView run = finished(this.verifications.start(device.getId(), serverId, null, "admin"));
		assertThat(run.status()).as(run.toString()).isEqualTo(RunStatus.PASSED);
		StepView handshake = run.steps().get(StepName.HANDSHAKE.ordinal());
		assertThat(handshake.evidence()).contains("retransmitted flights: []").contains("largest datagram sent: ");
		assertThat(handshake.detail()).contains("(limit 1024)").doesNotContain("sent again");
	}

	private RunView finished(RunView started) {
		await().atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.verifications.get(started.id()).finished());
		return this.verifications.get(started.id());
	}

	private UUID trustedServer() {
		return TrustedServers.add(this.servers, thingsBoard, thingsBoard.serverSettings("datagram", "localhost", null));
	}

}

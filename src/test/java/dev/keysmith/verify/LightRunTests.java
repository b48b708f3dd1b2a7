package dev.keysmith.verify;

import java.time.Duration;
import java.util.UUID;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.KeyType;
import dev.keysmith.push.PushService;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.thingsboard.ServerSettings;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Light runs (a batch's, one per device): their steps are stored with the verdict, in one
 * transaction, and the stored run is the whole of it, passed or failed.
 */
@ThingsBoardDoubleTest(publishServerCa = true)
class LightRunTests extends KeysmithTestSupport {

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
	void verifyWhenLightAndPassedThenStoredRunHasEveryStepOfTheVerdict() throws Exception {
		UUID serverId = trustedServer();
		Device device = pushedDevice(serverId);
		RunView verdict = this.verifications.verify(device.getId(), serverId, null, "admin", Duration.ZERO, Depth.LIGHT)
			.verdict()
			.get();
		assertThat(verdict.status()).isEqualTo(RunStatus.PASSED);
		RunView stored = this.verifications.get(verdict.id());
		assertThat(stored.steps()).isEqualTo(verdict.steps());
		assertThat(stored.steps()).extracting(StepView::status)
			.startsWith(StepStatus.PASSED, StepStatus.PASSED, StepStatus.PASSED, StepStatus.PASSED, StepStatus.SKIPPED,
					StepStatus.SKIPPED);
		assertThat(stored.steps().get(StepName.HANDSHAKE.ordinal()).durationMs()).isNotNull();
	}

	@Test
	void verifyWhenLightAndReadBackFailsThenStoredRunNamesTheFailedStepAndCause() throws Exception {
		UUID serverId = trustedServer();
		Device device = pushedDevice(serverId);
		thingsBoard.dropTelemetry(true);
		RunView verdict = this.verifications
			.verify(device.getId(), serverId, "{\"level\":3}", "admin", Duration.ZERO, Depth.LIGHT)
			.verdict()
			.get();
		RunView stored = this.verifications.get(verdict.id());
		assertThat(stored.status()).isEqualTo(RunStatus.FAILED);
		assertThat(stored.cause()).isEqualTo(Cause.NOT_STORED);
		assertThat(stored.steps()).isEqualTo(verdict.steps());
		assertThat(stored.steps()).extracting(StepView::status)
			.startsWith(StepStatus.PASSED, StepStatus.PASSED, StepStatus.PASSED, StepStatus.FAILED, StepStatus.SKIPPED,
					StepStatus.SKIPPED);
	}

	private Device pushedDevice(UUID serverId) {
		Device device = this.devices.create("light-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		this.push.push(device.getId(), serverId, null, "admin");
		return device;
	}

	private UUID trustedServer() {
		UUID id = this.servers
			.create(new ServerSettings("light-" + UUID.randomUUID(), thingsBoard.baseUrl(),
					ThingsBoardDouble.TENANT_ADMIN, ThingsBoardDouble.TENANT_PASSWORD, null, "127.0.0.1",
					thingsBoard.coapPort(), null, true, null, null))
			.getId();
		this.servers.fetchServerCa(id);
		this.servers.confirmServerCa(id, Fingerprints.sha256(thingsBoard.serverCa()));
		return id;
	}

}

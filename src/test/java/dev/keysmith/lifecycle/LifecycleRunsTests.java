package dev.keysmith.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.common.ConflictException;
import dev.keysmith.instance.Instances;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.verify.RunStatus;
import dev.keysmith.verify.StepStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Lifecycle runs as stored work: one at a time per device, and a run whose Keysmith
 * instance is gone is closed as interrupted instead of staying RUNNING for ever.
 */
@ThingsBoardDoubleTest(publishServerCa = true)
class LifecycleRunsTests extends LifecycleTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Autowired
	LifecycleRuns lifecycleRuns;

	@Autowired
	LifecycleRunRepository runs;

	@Autowired
	Instances instances;

	@Override
	ThingsBoardDouble thingsBoard() {
		return thingsBoard;
	}

	@Test
	void startWhenAnotherRunWorksOnTheDeviceThen409AndNothingChanged() throws Exception {
		thingsBoard.slowDown(Duration.ofMillis(500));
		Map<String, String> renewal = start("/renewal", "{\"activate\":true}");

		assertThat(postJson("/api/devices/" + this.device.getId() + "/revocation", "{\"mode\":\"ACCESS_TOKEN\"}"))
			.hasStatus(409)
			.bodyText()
			.contains("renewal")
			.contains(renewal.get("runId"));
		assertThat(finished(renewal.get("runId")).status()).isEqualTo(RunStatus.PASSED);
		assertThat(this.lifecycle.recent(this.device.getId())).hasSize(1);
	}

	@Test
	void openWhenAnotherRunWasStoredSinceTheCheckThenRefusedAndOneRunWorksOnTheDevice() {
		// as a second request for the device would, between the first one's check and
		// its store
		LifecycleRun first = this.runs.save(new LifecycleRun(LifecycleKind.ACTIVATION,
				new LifecycleRun.Target(this.device.getId(), this.device.getName(), this.serverId, "tb", null, null),
				List.of("Push the new certificate"), "admin", Instant.now(), this.instances.currentInstanceId()));
		try {
			assertThatExceptionOfType(ConflictException.class)
				.isThrownBy(() -> this.lifecycleRuns.open(LifecycleKind.REVOCATION, this.device,
						this.servers.get(this.serverId), null, null, List.of("Replace the credentials"), "admin"))
				.withMessageContaining("is going on");
			assertThat(this.lifecycle.recent(this.device.getId())).extracting(LifecycleView::id)
				.containsExactly(first.getId());
		}
		finally {
			LifecycleRun stored = this.runs.findById(first.getId()).orElseThrow();
			stored.finish(RunStatus.FAILED, LifecycleCause.INTERRUPTED, "test over", null, Instant.now());
			this.runs.save(stored);
		}
	}

	@Test
	void closeInterruptedRunsWhenOwnerGoneThenFailedAsInterrupted() {
		LifecycleRun orphan = this.runs.save(new LifecycleRun(LifecycleKind.ACTIVATION,
				new LifecycleRun.Target(this.device.getId(), this.device.getName(), this.serverId, "tb", null, null),
				List.of("Prepare the new certificate"), "admin", Instant.now(), UUID.randomUUID()));

		this.lifecycleRuns.closeInterruptedRuns();

		LifecycleView closed = this.lifecycle.get(orphan.getId());
		assertThat(closed.status()).isEqualTo(RunStatus.FAILED);
		assertThat(closed.cause()).isEqualTo(LifecycleCause.INTERRUPTED);
		assertThat(closed.diagnosis()).contains("Keysmith stopped");
		assertThat(closed.steps().get(0).status()).isEqualTo(StepStatus.PENDING);
	}

}

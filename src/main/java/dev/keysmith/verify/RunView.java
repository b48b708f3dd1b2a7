package dev.keysmith.verify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A run as the page and the API show it. */
public record RunView(@JsonProperty("runId") UUID id, UUID deviceId, String deviceName, UUID serverId,
		String serverName, String startedBy, RunStatus status, Instant startedAt, Instant finishedAt, String payload,
		List<StepView> steps, Cause cause, String diagnosis) {

	public boolean finished() {
		return this.status != RunStatus.RUNNING;
	}

	/** The same run with its steps as they are now. */
	RunView withSteps(List<StepView> steps) {
		return new RunView(this.id, this.deviceId, this.deviceName, this.serverId, this.serverName, this.startedBy,
				this.status, this.startedAt, this.finishedAt, this.payload, steps, this.cause, this.diagnosis);
	}

}

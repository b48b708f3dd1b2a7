package dev.keysmith.verify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A run as the page and the API show it (DESIGN.md's JSON). */
public record RunView(@JsonProperty("runId") UUID id, UUID deviceId, String deviceName, UUID serverId,
		String serverName, String startedBy, RunStatus status, Instant startedAt, Instant finishedAt, String payload,
		List<StepView> steps, String diagnosis) {

	public boolean finished() {
		return this.status != RunStatus.RUNNING;
	}

}

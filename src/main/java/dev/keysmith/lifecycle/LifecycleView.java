package dev.keysmith.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keysmith.verify.RunStatus;
import dev.keysmith.verify.StepView;

/**
 * A lifecycle run as the page and the API show it: the verification run's shape (status,
 * steps, cause, diagnosis) with its kind, the certificates it works on, and the caveat
 * about devices already connected.
 *
 * @param certificateId the certificate the run makes active or revokes
 * @param previousCertificateId the one a renewal replaces, else {@code null}
 */
public record LifecycleView(@JsonProperty("runId") UUID id, LifecycleKind kind, UUID deviceId, String deviceName,
		UUID serverId, String serverName, UUID certificateId, UUID previousCertificateId, String startedBy,
		RunStatus status, Instant startedAt, Instant finishedAt, List<StepView> steps, LifecycleCause cause,
		String diagnosis, String caveat) {

	public boolean finished() {
		return this.status != RunStatus.RUNNING;
	}

	LifecycleView withSteps(List<StepView> steps) {
		return new LifecycleView(this.id, this.kind, this.deviceId, this.deviceName, this.serverId, this.serverName,
				this.certificateId, this.previousCertificateId, this.startedBy, this.status, this.startedAt,
				this.finishedAt, steps, this.cause, this.diagnosis, this.caveat);
	}

}

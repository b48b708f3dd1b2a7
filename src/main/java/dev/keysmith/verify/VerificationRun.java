package dev.keysmith.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A stored verification run: who ran it against which server, each step with its
 * evidence, the verdict.
 */
@Entity
@Table(name = "verification_run")
public class VerificationRun {

	@Id
	private UUID id;

	private UUID deviceId;

	private String deviceName;

	private UUID serverId;

	private String serverName;

	private String startedBy;

	private Instant startedAt;

	private Instant finishedAt;

	@Enumerated(EnumType.STRING)
	private RunStatus status;

	private String payload;

	@Enumerated(EnumType.STRING)
	private Cause cause;

	private String diagnosis;

	/**
	 * The Keysmith instance that runs it: once that one is gone, the run can never
	 * finish.
	 */
	private UUID ownerInstanceId;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "verification_step", joinColumns = @JoinColumn(name = "run_id"))
	@OrderBy("position")
	private List<Step> steps = new ArrayList<>();

	@Version
	private long version;

	protected VerificationRun() {
	}

	VerificationRun(UUID deviceId, String deviceName, UUID serverId, String serverName, String startedBy,
			Instant startedAt, String payload, UUID ownerInstanceId) {
		this.id = UUID.randomUUID();
		this.deviceId = deviceId;
		this.deviceName = deviceName;
		this.serverId = serverId;
		this.serverName = serverName;
		this.startedBy = startedBy;
		this.startedAt = startedAt;
		this.payload = payload;
		this.ownerInstanceId = ownerInstanceId;
		this.status = RunStatus.RUNNING;
		for (StepName name : StepName.values()) {
			this.steps.add(new Step(name.ordinal(), name.label(), StepStatus.PENDING, null, null, null));
		}
	}

	void update(StepView step) {
		this.steps.set(step.position(), new Step(step.position(), step.name(), step.status(), step.durationMs(),
				step.detail(), step.evidence()));
	}

	void finish(RunStatus status, Cause cause, String diagnosis, Instant at) {
		this.status = status;
		this.cause = cause;
		this.diagnosis = diagnosis;
		this.finishedAt = at;
	}

	RunView view() {
		return new RunView(this.id, this.deviceId, this.deviceName, this.serverId, this.serverName, this.startedBy,
				this.status, this.startedAt, this.finishedAt, this.payload,
				this.steps.stream().map(Step::view).toList(), this.cause, this.diagnosis);
	}

	public UUID getId() {
		return this.id;
	}

	UUID getOwnerInstanceId() {
		return this.ownerInstanceId;
	}

	/** One step as stored. */
	@Embeddable
	public static class Step {

		private int position;

		private String name;

		@Enumerated(EnumType.STRING)
		private StepStatus status;

		@Column(name = "duration_ms")
		private Long durationMs;

		private String detail;

		private String evidence;

		protected Step() {
		}

		Step(int position, String name, StepStatus status, Long durationMs, String detail, String evidence) {
			this.position = position;
			this.name = name;
			this.status = status;
			this.durationMs = durationMs;
			this.detail = detail;
			this.evidence = evidence;
		}

		StepView view() {
			return new StepView(this.position, this.name, this.status, this.durationMs, this.detail, this.evidence);
		}

	}

}

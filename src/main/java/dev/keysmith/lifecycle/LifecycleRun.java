package dev.keysmith.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.keysmith.verify.RunStatus;
import dev.keysmith.verify.StepStatus;
import dev.keysmith.verify.StepView;
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
 * A stored lifecycle run: what it does to which device and certificate, each step with
 * its evidence, the verdict, and the caveat the operator must read.
 */
@Entity
@Table(name = "lifecycle_run")
class LifecycleRun {

	static final int TEXT_LENGTH = 4096;

	static final int EVIDENCE_LENGTH = 8192;

	@Id
	private UUID id;

	@Enumerated(EnumType.STRING)
	private LifecycleKind kind;

	private UUID deviceId;

	/** The device while the run works on it, else null: unique, so one run per device. */
	private UUID runningDeviceId;

	private String deviceName;

	private UUID serverId;

	private String serverName;

	private UUID credentialId;

	private UUID previousCredentialId;

	private String startedBy;

	private Instant startedAt;

	private Instant finishedAt;

	@Enumerated(EnumType.STRING)
	private RunStatus status;

	@Enumerated(EnumType.STRING)
	private LifecycleCause cause;

	@Column(length = TEXT_LENGTH)
	private String diagnosis;

	@Column(length = TEXT_LENGTH)
	private String caveat;

	private UUID ownerInstanceId;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "lifecycle_step", joinColumns = @JoinColumn(name = "run_id"))
	@OrderBy("position")
	private List<Step> steps = new ArrayList<>();

	@Version
	private long version;

	protected LifecycleRun() {
	}

	LifecycleRun(LifecycleKind kind, Target target, List<String> stepNames, String startedBy, Instant startedAt,
			UUID ownerInstanceId) {
		this.id = UUID.randomUUID();
		this.kind = kind;
		this.deviceId = target.deviceId();
		this.runningDeviceId = target.deviceId();
		this.deviceName = target.deviceName();
		this.serverId = target.serverId();
		this.serverName = target.serverName();
		this.credentialId = target.credentialId();
		this.previousCredentialId = target.previousCredentialId();
		this.startedBy = startedBy;
		this.startedAt = startedAt;
		this.ownerInstanceId = ownerInstanceId;
		this.status = RunStatus.RUNNING;
		for (int i = 0; i < stepNames.size(); i++) {
			this.steps.add(new Step(i, stepNames.get(i), StepStatus.PENDING, null, null, null));
		}
	}

	void update(StepView step) {
		this.steps.set(step.position(), new Step(step.position(), step.name(), step.status(), step.durationMs(),
				fit(step.detail(), TEXT_LENGTH), fit(step.evidence(), EVIDENCE_LENGTH)));
	}

	void finish(RunStatus status, LifecycleCause cause, String diagnosis, String caveat, Instant at) {
		this.status = status;
		this.runningDeviceId = null;
		this.cause = cause;
		this.diagnosis = fit(diagnosis, TEXT_LENGTH);
		this.caveat = fit(caveat, TEXT_LENGTH);
		this.finishedAt = at;
	}

	/** The certificate the run works on, once known (a renewal prepares it). */
	void workOn(UUID credentialId) {
		this.credentialId = credentialId;
	}

	LifecycleView view() {
		return new LifecycleView(this.id, this.kind, this.deviceId, this.deviceName, this.serverId, this.serverName,
				this.credentialId, this.previousCredentialId, this.startedBy, this.status, this.startedAt,
				this.finishedAt, this.steps.stream().map(Step::view).toList(), this.cause, this.diagnosis, this.caveat);
	}

	UUID getId() {
		return this.id;
	}

	UUID getOwnerInstanceId() {
		return this.ownerInstanceId;
	}

	private static String fit(String text, int length) {
		return (text != null && text.length() > length) ? text.substring(0, length - 1) + "…" : text;
	}

	/**
	 * What a run works on.
	 *
	 * @param serverId the ThingsBoard server, or {@code null} for a renewal that is only
	 * prepared
	 */
	record Target(UUID deviceId, String deviceName, UUID serverId, String serverName, UUID credentialId,
			UUID previousCredentialId) {
	}

	/** One step as stored. */
	@Embeddable
	static class Step {

		private int position;

		private String name;

		@Enumerated(EnumType.STRING)
		private StepStatus status;

		@Column(name = "duration_ms")
		private Long durationMs;

		@Column(length = TEXT_LENGTH)
		private String detail;

		@Column(length = EVIDENCE_LENGTH)
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

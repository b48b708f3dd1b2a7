package dev.keysmith.audit;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of the audit log. Never changed once written. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private Instant occurredAt;

	private String actor;

	private String action;

	private String objectType;

	private String objectId;

	private String detail;

	protected AuditEvent() {
	}

	AuditEvent(Instant occurredAt, String actor, String action, String objectType, String objectId, String detail) {
		this.occurredAt = occurredAt;
		this.actor = actor;
		this.action = action;
		this.objectType = objectType;
		this.objectId = objectId;
		this.detail = detail;
	}

	public Long getId() {
		return this.id;
	}

	public Instant getOccurredAt() {
		return this.occurredAt;
	}

	public String getActor() {
		return this.actor;
	}

	public String getAction() {
		return this.action;
	}

	public String getObjectType() {
		return this.objectType;
	}

	public String getObjectId() {
		return this.objectId;
	}

	public String getDetail() {
		return this.detail;
	}

}

package dev.keysmith.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One entry of the audit log. Never changed once written: its hash, over its fields and
 * the hash of the entry before it, shows an edit ({@link AuditHash}).
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private Instant occurredAt;

	private String actor;

	@Column(length = 64)
	private String action;

	@Column(length = 64)
	private String objectType;

	private String objectId;

	private String objectName;

	@Column(length = 64)
	private String clientAddress;

	@Column(length = 4096)
	private String detail;

	@Column(length = 64)
	private String previousHash;

	@Column(length = 64)
	private String entryHash;

	@Column(length = 96)
	private String entrySeal;

	protected AuditEvent() {
	}

	AuditEvent(Instant occurredAt, String actor, String action, AuditObject object, String clientAddress,
			String detail) {
		this.occurredAt = occurredAt;
		this.actor = actor;
		this.action = action;
		this.objectType = object.type();
		this.objectId = object.id();
		this.objectName = object.name();
		this.clientAddress = clientAddress;
		this.detail = detail;
	}

	/**
	 * Links the entry into the chain and seals it, once, right after its id is known.
	 */
	void chain(String previousHash, AuditSeal seal) {
		if (this.entryHash != null) {
			throw new IllegalStateException("Audit entry " + this.id + " is chained already");
		}
		this.previousHash = previousHash;
		this.entryHash = AuditHash.of(fields(), previousHash);
		this.entrySeal = seal.of(this.entryHash);
	}

	AuditHash.Fields fields() {
		return new AuditHash.Fields(this.id, this.occurredAt, this.actor, this.action, this.objectType, this.objectId,
				this.objectName, this.clientAddress, this.detail);
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

	/** The object's name when the entry was written (it may be gone since). */
	public String getObjectName() {
		return this.objectName;
	}

	/** The address of the client whose request made the entry, or {@code null}. */
	public String getClientAddress() {
		return this.clientAddress;
	}

	public String getDetail() {
		return this.detail;
	}

	public String getPreviousHash() {
		return this.previousHash;
	}

	public String getEntryHash() {
		return this.entryHash;
	}

	/**
	 * The master key's id and the HMAC of the entry's hash under it, or {@code null} for
	 * an entry written before entries were sealed.
	 */
	public String getEntrySeal() {
		return this.entrySeal;
	}

}

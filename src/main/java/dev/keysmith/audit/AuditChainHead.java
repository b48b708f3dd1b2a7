package dev.keysmith.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The chain's one head row: the last chained entry and its hash. Appends lock it, so that
 * one append at a time extends the chain, whichever instance makes it.
 */
@Entity
@Table(name = "audit_chain_head")
class AuditChainHead {

	static final int ID = 1;

	@Id
	private Integer id;

	private Long lastEventId;

	@Column(length = 64)
	private String lastHash;

	protected AuditChainHead() {
	}

	/** Whether the rows written before the chain existed are chained yet. */
	boolean isStarted() {
		return this.lastHash != null;
	}

	void advance(long eventId, String hash) {
		this.lastEventId = eventId;
		this.lastHash = hash;
	}

	/** The last chained entry's id, 0 for an empty chain. */
	long lastEventId() {
		return (this.lastEventId != null) ? this.lastEventId : 0;
	}

	String lastHash() {
		return this.lastHash;
	}

}

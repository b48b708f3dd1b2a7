package dev.keysmith.audit;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.stereotype.Component;

/**
 * Walks the chain in id order, a page at a time, up to the head as it was when the walk
 * began: each entry must follow the one before it (its previous hash is that entry's
 * hash) and hash to its own hash; the last must be the head's. An edited entry fails its
 * own hash; a removed or reordered one breaks the link of the entry after it. From the
 * first sealed entry on, every entry must carry the seal of its hash: an entry edited and
 * the hashes after it computed again (which needs no key) fails its seal, and one whose
 * seal was taken away has none where the entries before it have one.
 */
@Component
class AuditVerification {

	private final AuditChain chain;

	private final AuditRows rows;

	private final AuditSeal seal;

	AuditVerification(AuditChain chain, AuditRows rows, AuditSeal seal) {
		this.chain = chain;
		this.rows = rows;
		this.seal = seal;
	}

	Result verify() {
		AuditChainHead head = this.chain.head();
		String previous = AuditHash.GENESIS;
		long after = 0;
		long count = 0;
		Long sealedFrom = null;
		List<AuditRows.Row> page = this.rows.page(after, head.lastEventId());
		while (!page.isEmpty()) {
			for (AuditRows.Row row : page) {
				long id = row.fields().id();
				if (row.entryHash() == null) {
					return Result.broken(id, "entry " + id + " is not in the chain: it was written outside Keysmith");
				}
				if (!previous.equals(row.previousHash())) {
					return Result.broken(id,
							"entry " + id + " does not follow "
									+ ((after > 0) ? "entry " + after : "the start of the chain")
									+ ": an entry before it was removed, or entries were reordered");
				}
				if (!AuditHash.of(row.fields(), row.previousHash()).equals(row.entryHash())) {
					return Result.broken(id, "entry " + id + " was changed after it was written: "
							+ "its content does not match its hash");
				}
				if (row.entrySeal() != null) {
					String mismatch = this.seal.mismatch(row.entryHash(), row.entrySeal());
					if (mismatch != null) {
						return Result.broken(id, "entry " + id + " is not sealed as Keysmith sealed it: " + mismatch);
					}
					sealedFrom = (sealedFrom != null) ? sealedFrom : id;
				}
				else if (sealedFrom != null) {
					return Result.broken(id, "entry " + id + " has no seal, though the entries from " + sealedFrom
							+ " before it have one: its seal was taken away outside Keysmith");
				}
				previous = row.entryHash();
				after = id;
				count++;
			}
			page = this.rows.page(after, head.lastEventId());
		}
		if (after != head.lastEventId() || !previous.equals(head.lastHash())) {
			return Result.broken(head.lastEventId(), "the chain ends at entry " + after + " but its last entry is "
					+ head.lastEventId() + ": entries at its end were removed");
		}
		Long stray = this.rows.firstUnchainedAfter(after);
		if (stray != null) {
			return Result.broken(stray, "entry " + stray + " is not in the chain: it was written outside Keysmith");
		}
		// an entry after the head is one appended since the walk began, or one written
		// outside Keysmith that the head does not reach
		Long later = this.rows.firstAfter(after);
		if (later != null && later > this.chain.head().lastEventId()) {
			return Result.broken(later, "entry " + later + " is not in the chain: it was written outside Keysmith");
		}
		return new Result(true, count, sealedFrom, null, null);
	}

	/**
	 * Whether the chain is intact (with how many entries, and the first sealed one: those
	 * before it were written before entries were sealed), and if not, its first broken
	 * entry and why.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Result(boolean intact, Long entries, Long sealedFrom, Long firstBrokenId, String reason) {

		static Result broken(long id, String reason) {
			return new Result(false, null, null, id, reason);
		}

	}

}

package dev.keysmith.audit;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.vault.KeyVault;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash chain on the application's own H2 database: appends from many threads at once
 * stay one chain; an edited, removed or reordered entry is found; rows written before the
 * chain are chained in id order; an entry re-hashed or stripped of its seal is found by
 * its seal. The tests that tamper put the rows back, as the other tests share this
 * database; the one that clears every hash and seal, as a migration leaves old rows,
 * cannot, and the entries before it stay chained by hash only.
 */
class AuditChainTests extends KeysmithTestSupport {

	@Autowired
	AuditLog audit;

	@Autowired
	AuditChain chain;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditRows rows;

	@Autowired
	AuditEventRepository events;

	@Autowired
	AuditSeal seal;

	@Test
	void recordWhenManyThreadsAppendAtOnceThenTheChainIsIntact() throws Exception {
		long before = this.audit.verify().entries();
		int threads = 8;
		int each = 25;
		CyclicBarrier together = new CyclicBarrier(threads);
		List<CompletableFuture<Void>> writers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			String actor = "thread-" + t;
			writers.add(CompletableFuture.runAsync(() -> {
				try {
					together.await(30, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				for (int i = 0; i < each; i++) {
					this.audit.record(actor, "TEST_CONCURRENT", "test", String.valueOf(i), "entry " + i);
				}
			}));
		}
		CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

		AuditVerification.Result result = this.audit.verify();
		assertThat(result.intact()).as(String.valueOf(result.reason())).isTrue();
		assertThat(result.entries()).isGreaterThanOrEqualTo(before + threads * each);
	}

	@Test
	void verifyWhenAnEntrysDetailIsEditedInTheDatabaseThenThatEntryIsReported() {
		List<AuditEvent> three = recordThree();
		long middle = three.get(1).getId();
		this.jdbc.update("UPDATE audit_event SET detail = ? WHERE id = ?", "nothing to see", middle);
		try {
			AuditVerification.Result result = this.audit.verify();
			assertThat(result.intact()).isFalse();
			assertThat(result.firstBrokenId()).isEqualTo(middle);
			assertThat(result.reason()).contains("changed after it was written");
			assertThat(getAsAdmin("/api/audit/verification")).bodyJson()
				.isLenientlyEqualTo("{\"intact\":false,\"firstBrokenId\":" + middle + "}");
		}
		finally {
			this.jdbc.update("UPDATE audit_event SET detail = ? WHERE id = ?", three.get(1).getDetail(), middle);
		}
		assertThat(this.audit.verify().intact()).isTrue();
	}

	@Test
	void verifyWhenAMiddleEntryIsDeletedThenTheEntryAfterItIsReported() {
		List<AuditEvent> three = recordThree();
		long middle = three.get(1).getId();
		Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM audit_event WHERE id = ?", middle);
		this.jdbc.update("DELETE FROM audit_event WHERE id = ?", middle);
		try {
			AuditVerification.Result result = this.audit.verify();
			assertThat(result.intact()).isFalse();
			assertThat(result.firstBrokenId()).isEqualTo(three.get(2).getId());
			assertThat(result.reason()).contains("does not follow entry " + three.get(0).getId()).contains("removed");
		}
		finally {
			reinsert(row);
		}
		assertThat(this.audit.verify().intact()).isTrue();
	}

	@Test
	void verifyWhenTwoEntriesSwapTheirTimesThenTheFirstOfThemIsReported() {
		List<AuditEvent> three = recordThree();
		AuditEvent first = three.get(0);
		AuditEvent second = three.get(1);
		this.jdbc.update("UPDATE audit_event SET occurred_at = ? WHERE id = ?",
				java.sql.Timestamp.from(second.getOccurredAt().plusSeconds(1)), first.getId());
		try {
			AuditVerification.Result result = this.audit.verify();
			assertThat(result.intact()).isFalse();
			assertThat(result.firstBrokenId()).isEqualTo(first.getId());
		}
		finally {
			this.jdbc.update("UPDATE audit_event SET occurred_at = ? WHERE id = ?",
					java.sql.Timestamp.from(first.getOccurredAt()), first.getId());
		}
		assertThat(this.audit.verify().intact()).isTrue();
	}

	@Test
	void verifyWhenTheLastEntryIsDeletedThenTheChainsEndIsReported() {
		List<AuditEvent> three = recordThree();
		long last = three.get(2).getId();
		Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM audit_event WHERE id = ?", last);
		this.jdbc.update("DELETE FROM audit_event WHERE id = ?", last);
		try {
			AuditVerification.Result result = this.audit.verify();
			assertThat(result.intact()).isFalse();
			assertThat(result.firstBrokenId()).isEqualTo(last);
			assertThat(result.reason()).contains("entries at its end were removed");
		}
		finally {
			reinsert(row);
		}
		assertThat(this.audit.verify().intact()).isTrue();
	}

	@Test
	void verifyWhenIntactThenSaysFromWhichEntryOnEveryEntryIsSealed() {
		List<AuditEvent> three = recordThree();
		AuditVerification.Result result = this.audit.verify();
		assertThat(result.intact()).isTrue();
		assertThat(result.sealedFrom()).isNotNull().isLessThanOrEqualTo(three.get(0).getId());
		// the master key's id, then the HMAC in hex
		assertThat(three).allSatisfy((event) -> assertThat(event.getEntrySeal()).matches("[0-9a-f]{16}:[0-9a-f]{64}"));
		assertThat(getAsAdmin("/api/audit/verification")).bodyJson()
			.isLenientlyEqualTo("{\"intact\":true,\"sealedFrom\":" + result.sealedFrom() + "}");
	}

	@Test
	void verifyWhenAnEntryIsEditedAndEveryHashAfterItComputedAgainThenItsSealGivesItAway() {
		List<AuditEvent> three = recordThree();
		long middle = three.get(1).getId();
		List<Map<String, Object>> before = this.jdbc
			.queryForList("SELECT id, detail, previous_hash, entry_hash FROM audit_event WHERE id >= ?", middle);
		String headHash = this.jdbc.queryForObject("SELECT last_hash FROM audit_chain_head", String.class);
		// what someone who can write to the database can do without the master key: edit
		// an entry and compute its hash and every hash after it again, up to the head
		this.jdbc.update("UPDATE audit_event SET detail = ? WHERE id = ?", "nothing to see", middle);
		String previous = three.get(0).getEntryHash();
		long last = this.jdbc.queryForObject("SELECT last_event_id FROM audit_chain_head", Long.class);
		for (AuditRows.Row row : this.rows.page(middle - 1, last)) {
			String hash = AuditHash.of(row.fields(), previous);
			this.jdbc.update("UPDATE audit_event SET previous_hash = ?, entry_hash = ? WHERE id = ?", previous, hash,
					row.fields().id());
			previous = hash;
		}
		this.jdbc.update("UPDATE audit_chain_head SET last_hash = ?", previous);
		try {
			AuditVerification.Result result = this.audit.verify();
			assertThat(result.intact()).isFalse();
			assertThat(result.firstBrokenId()).isEqualTo(middle);
			assertThat(result.reason()).contains("is not sealed as Keysmith sealed it")
				.contains("does not carry the seal of its hash");
		}
		finally {
			for (Map<String, Object> row : before) {
				this.jdbc.update("UPDATE audit_event SET detail = ?, previous_hash = ?, entry_hash = ? WHERE id = ?",
						row.get("DETAIL"), row.get("PREVIOUS_HASH"), row.get("ENTRY_HASH"), row.get("ID"));
			}
			this.jdbc.update("UPDATE audit_chain_head SET last_hash = ?", headHash);
		}
		assertThat(this.audit.verify().intact()).isTrue();
	}

	@Test
	void verifyWhenSealsAreTakenAwayAfterASealedEntryThenTheFirstUnsealedOneIsReported() {
		List<AuditEvent> three = recordThree();
		long middle = three.get(1).getId();
		this.jdbc.update("UPDATE audit_event SET entry_seal = NULL WHERE id >= ? AND id <= ?", middle,
				three.get(2).getId());
		try {
			AuditVerification.Result result = this.audit.verify();
			assertThat(result.intact()).isFalse();
			assertThat(result.firstBrokenId()).isEqualTo(middle);
			assertThat(result.reason()).contains("has no seal").contains("taken away");
		}
		finally {
			this.jdbc.update("UPDATE audit_event SET entry_seal = ? WHERE id = ?", three.get(1).getEntrySeal(), middle);
			this.jdbc.update("UPDATE audit_event SET entry_seal = ? WHERE id = ?", three.get(2).getEntrySeal(),
					three.get(2).getId());
		}
		assertThat(this.audit.verify().intact()).isTrue();
	}

	@Test
	void verifyWhenARowWithHashesIsAddedPastTheHeadThenItIsReported() {
		AuditEvent last = this.audit.record("alice", "TEST_PAST_HEAD", null, null, null);
		// a row written outside Keysmith, linked to the last entry: the head does not
		// reach it
		this.jdbc.update(
				"INSERT INTO audit_event (occurred_at, actor, action, previous_hash, entry_hash, entry_seal) "
						+ "VALUES (CURRENT_TIMESTAMP, 'mallory', 'TEST_FORGED', ?, ?, ?)",
				last.getEntryHash(), "f".repeat(64), last.getEntrySeal());
		Long forged = this.jdbc.queryForObject("SELECT MAX(id) FROM audit_event", Long.class);
		try {
			AuditVerification.Result result = this.audit.verify();
			assertThat(result.intact()).isFalse();
			assertThat(result.firstBrokenId()).isEqualTo(forged);
			assertThat(result.reason()).contains("written outside Keysmith");
		}
		finally {
			this.jdbc.update("DELETE FROM audit_event WHERE id = ?", forged);
		}
		assertThat(this.audit.verify().intact()).isTrue();
	}

	@Test
	void sealWhenAnotherMasterKeyThenItDoesNotMatch() {
		AuditEvent event = this.audit.record("alice", "TEST_SEAL", null, null, null);
		byte[] otherKey = new byte[32];
		new SecureRandom().nextBytes(otherKey);
		AuditSeal other = new AuditSeal(new KeyVault(otherKey));
		assertThat(this.seal.mismatch(event.getEntryHash(), event.getEntrySeal())).isNull();
		assertThat(other.mismatch(event.getEntryHash(), event.getEntrySeal())).contains("sealed with master key")
			.contains("was the master key replaced?");
		assertThat(this.seal.mismatch(event.getPreviousHash(), event.getEntrySeal()))
			.contains("does not carry the seal of its hash");
		String forged = event.getEntrySeal().substring(0, event.getEntrySeal().indexOf(':') + 1) + "0".repeat(64);
		assertThat(this.seal.mismatch(event.getEntryHash(), forged)).contains("does not carry the seal of its hash");
	}

	@Test
	void startWhenRowsWereWrittenBeforeTheChainThenTheyAreChainedInIdOrder() {
		recordThree();
		// rows as the migration leaves them: no hashes, and a head that has none yet
		this.jdbc.update("INSERT INTO audit_event (occurred_at, actor, action, object_type, object_id, object_name, "
				+ "detail) VALUES (CURRENT_TIMESTAMP, 'legacy', 'CREATED', 'device', ?, 'old-device', 'from 2025')",
				UUID.randomUUID().toString());
		this.jdbc.update("UPDATE audit_event SET previous_hash = NULL, entry_hash = NULL, entry_seal = NULL");
		this.jdbc.update("UPDATE audit_chain_head SET last_event_id = NULL, last_hash = NULL");
		assertThat(this.audit.verify().intact()).isTrue(); // a check chains them first

		List<Map<String, Object>> rows = this.jdbc
			.queryForList("SELECT id, previous_hash, entry_hash FROM audit_event ORDER BY id");
		assertThat(rows.get(0).get("PREVIOUS_HASH")).isEqualTo(AuditHash.GENESIS);
		for (int i = 1; i < rows.size(); i++) {
			assertThat(rows.get(i).get("PREVIOUS_HASH")).isEqualTo(rows.get(i - 1).get("ENTRY_HASH"));
		}
		assertThat(this.jdbc.queryForObject("SELECT last_event_id FROM audit_chain_head", Long.class))
			.isEqualTo(rows.get(rows.size() - 1).get("ID"));
		// the chaining is said in the log, in a sealed entry from which on entries are
		// sealed: a chain cleared by someone and started again shows there
		AuditEvent started = this.events.findById(((Number) rows.get(rows.size() - 1).get("ID")).longValue())
			.orElseThrow();
		assertThat(started.getAction()).isEqualTo(AuditChain.CHAIN_STARTED);
		assertThat(started.getActor()).isEqualTo("keysmith");
		assertThat(started.getDetail()).contains("without seals");
		assertThat(this.audit.verify().sealedFrom()).isEqualTo(started.getId());
		this.chain.start(); // a second start chains nothing again
		AuditEvent next = this.audit.record("alice", "TEST_AFTER_LEGACY", null, null, null);
		assertThat(next.getPreviousHash()).isEqualTo(rows.get(rows.size() - 1).get("ENTRY_HASH"));
		assertThat(this.audit.verify().intact()).isTrue();
	}

	@Test
	void hashWhenTimeHasNanosecondsThenTheStoredTimeHashesTheSame() {
		AuditEvent event = this.audit.record("alice", "TEST_PRECISION", null, null, null);
		assertThat(event.getOccurredAt().getNano() % 1000).isZero();
		java.time.Instant stored = this.jdbc
			.queryForObject("SELECT occurred_at FROM audit_event WHERE id = ?", java.time.OffsetDateTime.class,
					event.getId())
			.toInstant();
		assertThat(stored).isEqualTo(event.getOccurredAt());
	}

	private List<AuditEvent> recordThree() {
		String action = "TEST_" + UUID.randomUUID().toString().substring(0, 8);
		return List.of(this.audit.record("alice", action, "test", "1", "first"),
				this.audit.record("bob", action, "test", "2", "second"),
				this.audit.record("carol", action, "test", "3", "third"));
	}

	private void reinsert(Map<String, Object> row) {
		List<String> columns = new ArrayList<>(row.keySet());
		this.jdbc.update(
				"INSERT INTO audit_event (" + String.join(", ", columns) + ") VALUES ("
						+ String.join(", ", columns.stream().map((c) -> "?").toList()) + ")",
				columns.stream().map(row::get).toArray());
	}

}

package dev.keysmith.audit;

import java.util.List;
import java.util.UUID;

import dev.keysmith.KeysmithTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The audit log on the application's own database (the migration, the table, the
 * service).
 */
class AuditLogTests extends KeysmithTestSupport {

	@Autowired
	AuditLog audit;

	@Test
	void recordWhenReadBackThenEveryFieldIsKeptAndTheNewestComesFirst() {
		String action = "TEST_" + UUID.randomUUID().toString().substring(0, 8);
		this.audit.record("alice", action, "database", "first.zip", "1234 bytes");
		this.audit.record("bob", action, "database", "second.zip", null);
		this.audit.record("carol", "OTHER_ACTION", null, null, null);

		List<AuditEvent> events = this.audit.recent(action, 10);
		assertThat(events).extracting(AuditEvent::getActor).containsExactly("bob", "alice");
		AuditEvent first = events.get(1);
		assertThat(first.getAction()).isEqualTo(action);
		assertThat(first.getObjectType()).isEqualTo("database");
		assertThat(first.getObjectId()).isEqualTo("first.zip");
		assertThat(first.getDetail()).isEqualTo("1234 bytes");
		assertThat(first.getOccurredAt()).isNotNull().isBeforeOrEqualTo(events.get(0).getOccurredAt());
		assertThat(this.audit.recent(action, 1)).hasSize(1);
	}

	@Test
	void recordWhenValuesAreLongerThanTheirColumnsThenShortenedAndStillKept() {
		String action = "TEST_LONG_" + UUID.randomUUID().toString().substring(0, 8);
		String detail = "x".repeat(AuditLog.MAX_DETAIL - 2) + "😀😀";
		this.audit.record("a".repeat(300), action, "t".repeat(100), "o".repeat(300), detail);
		AuditEvent event = this.audit.recent(action, 1).get(0);
		assertThat(event.getActor()).hasSize(AuditLog.MAX_NAME).endsWith("…");
		assertThat(event.getObjectId()).hasSize(AuditLog.MAX_NAME);
		assertThat(event.getDetail()).hasSizeLessThanOrEqualTo(AuditLog.MAX_DETAIL).endsWith("x…");
	}

	@Test
	void recordWhenActorOrActionMissingThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.audit.record(" ", "X", null, null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.audit.record("alice", null, null, null, null));
	}

}

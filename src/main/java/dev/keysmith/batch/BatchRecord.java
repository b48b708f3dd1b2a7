package dev.keysmith.batch;

import java.time.Instant;
import java.util.UUID;

/** A batch's own row. */
record BatchRecord(UUID id, BatchState state, String source, String options, int total, Instant createdAt,
		String createdBy, Instant startedAt, Instant finishedAt, String note) {

}

package dev.keysmith.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash that chains an audit entry to the one before it: SHA-256 over a canonical
 * encoding of the entry's fields and the previous entry's hash. Each value is written as
 * its length in UTF-8 bytes (-1 for none) followed by those bytes, so that no two
 * different entries encode alike however their texts look; the time is its epoch second
 * and nanosecond, and entries keep whole microseconds ({@link #precise}) so that the time
 * read back from the database is the time hashed.
 */
final class AuditHash {

	/** The "previous hash" of the first entry of the chain. */
	static final String GENESIS = "0".repeat(64);

	private static final String VERSION = "keysmith-audit-1";

	private AuditHash() {
	}

	/** The time as an entry keeps it: H2 and PostgreSQL both store microseconds. */
	static Instant precise(Instant time) {
		return time.truncatedTo(ChronoUnit.MICROS);
	}

	static String of(Fields entry, String previousHash) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			text(out, VERSION);
			out.writeLong(entry.id());
			out.writeLong(entry.occurredAt().getEpochSecond());
			out.writeInt(entry.occurredAt().getNano());
			text(out, entry.actor());
			text(out, entry.action());
			text(out, entry.objectType());
			text(out, entry.objectId());
			text(out, entry.objectName());
			text(out, entry.clientAddress());
			text(out, entry.detail());
			text(out, previousHash);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return HexFormat.of().formatHex(sha256().digest(bytes.toByteArray()));
	}

	private static void text(DataOutputStream out, String value) throws IOException {
		if (value == null) {
			out.writeInt(-1);
			return;
		}
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(utf8.length);
		out.write(utf8);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/** What of an entry the hash covers. */
	record Fields(long id, Instant occurredAt, String actor, String action, String objectType, String objectId,
			String objectName, String clientAddress, String detail) {
	}

}

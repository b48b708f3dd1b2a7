package dev.keysmith.backup;

import java.time.Instant;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a backup says about itself: its format, when, by whom and by which Keysmith it was
 * made, the master key it was sealed with and the ones its sealed records need, and the
 * size and SHA-256 of the database file in it. Holds no secret.
 */
record BackupManifest(String format, int formatVersion, Instant createdAt, String createdBy, String keysmithVersion,
		String masterKeyId, List<String> vaultKeyIds, String databaseEntry, long databaseSize, String databaseSha256) {

	static final String FORMAT = "keysmith-backup";

	static final int FORMAT_VERSION = 1;

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	/** A manifest whose database is not written yet. */
	static BackupManifest begin(Instant createdAt, String createdBy, String keysmithVersion, String masterKeyId,
			List<String> vaultKeyIds) {
		return new BackupManifest(FORMAT, FORMAT_VERSION, createdAt, createdBy, keysmithVersion, masterKeyId,
				List.copyOf(vaultKeyIds), null, 0, null);
	}

	BackupManifest withDatabase(String entry, long size, String sha256) {
		return new BackupManifest(this.format, this.formatVersion, this.createdAt, this.createdBy, this.keysmithVersion,
				this.masterKeyId, this.vaultKeyIds, entry, size, sha256);
	}

	byte[] toJson() {
		return JSON.writeValueAsBytes(this);
	}

	/** Reads a manifest; {@code null} when the bytes are not one. */
	static BackupManifest fromJson(byte[] json) {
		try {
			BackupManifest manifest = JSON.readValue(json, BackupManifest.class);
			boolean complete = manifest.format() != null && manifest.createdAt() != null
					&& manifest.masterKeyId() != null && manifest.vaultKeyIds() != null
					&& manifest.databaseEntry() != null && manifest.databaseSha256() != null;
			return complete ? manifest : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}

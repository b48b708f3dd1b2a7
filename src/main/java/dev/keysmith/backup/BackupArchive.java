package dev.keysmith.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import javax.crypto.Mac;

import dev.keysmith.vault.KeyVault;

/**
 * The backup file: a zip holding the database file and {@code manifest.json}, whose zip
 * comment ends with the HMAC-SHA256 (64 hex digits) of every byte of the file before
 * those 64, under a key derived from the master key. So any changed, missing or added
 * byte, a cut file included, makes the seal fail, and only the holder of the master key
 * can make a seal that holds. Written and read as streams: a backup is never held whole
 * in memory.
 */
final class BackupArchive {

	static final String DATABASE_ENTRY = "keysmith.mv.db";

	static final String MANIFEST_ENTRY = "manifest.json";

	static final String SEAL_PURPOSE = "backup file v1";

	private static final String SEAL_LABEL = "Keysmith backup. HMAC-SHA256: ";

	private static final int TAG_CHARS = 64;

	private static final int MAX_MANIFEST_BYTES = 64 * 1024;

	private static final int BUFFER = 64 * 1024;

	private BackupArchive() {
	}

	/**
	 * Writes a sealed backup to {@code target}: the database streamed from
	 * {@code database}, then the manifest completed with the database's size and SHA-256.
	 */
	static BackupManifest write(Path target, InputStream database, BackupManifest manifest, KeyVault vault)
			throws IOException {
		MessageDigest sha256 = sha256();
		long size = 0;
		BackupManifest complete;
		try (OutputStream file = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW);
				ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(file, BUFFER))) {
			zip.setComment(SEAL_LABEL + "0".repeat(TAG_CHARS));
			zip.putNextEntry(new ZipEntry(DATABASE_ENTRY));
			byte[] buffer = new byte[BUFFER];
			for (int read = database.read(buffer); read >= 0; read = database.read(buffer)) {
				zip.write(buffer, 0, read);
				sha256.update(buffer, 0, read);
				size += read;
			}
			zip.closeEntry();
			complete = manifest.withDatabase(DATABASE_ENTRY, size, HexFormat.of().formatHex(sha256.digest()));
			zip.putNextEntry(new ZipEntry(MANIFEST_ENTRY));
			zip.write(complete.toJson());
			zip.closeEntry();
		}
		seal(target, vault);
		return complete;
	}

	private static void seal(Path file, KeyVault vault) throws IOException {
		long sealed = Files.size(file) - TAG_CHARS;
		byte[] tag = HexFormat.of().formatHex(hmac(file, sealed, vault)).getBytes(StandardCharsets.US_ASCII);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.write(ByteBuffer.wrap(tag), sealed);
			channel.force(true);
		}
	}

	/**
	 * The manifest of a backup file, read without trusting it yet (it names the master
	 * key that sealed the file, which decides what a failed seal means).
	 */
	static BackupManifest readManifest(Path file) {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			Set<String> entries = new TreeSet<>();
			zip.stream().forEach((entry) -> entries.add(entry.getName()));
			ZipEntry entry = zip.getEntry(MANIFEST_ENTRY);
			if (entry == null) {
				throw refused(file, "it is not a Keysmith backup (it has no " + MANIFEST_ENTRY + ")");
			}
			if (!entries.equals(Set.of(MANIFEST_ENTRY, DATABASE_ENTRY))) {
				throw refused(file,
						"it is not a Keysmith backup as this version writes them (it holds " + entries + ")");
			}
			byte[] json;
			try (InputStream in = zip.getInputStream(entry)) {
				json = in.readNBytes(MAX_MANIFEST_BYTES + 1);
			}
			BackupManifest manifest = (json.length <= MAX_MANIFEST_BYTES) ? BackupManifest.fromJson(json) : null;
			if (manifest == null || !BackupManifest.FORMAT.equals(manifest.format())) {
				throw refused(file, "its manifest is damaged or not a Keysmith backup manifest");
			}
			return manifest;
		}
		catch (ZipException ex) {
			throw refused(file, "it is incomplete or damaged: it is not a whole zip file (" + describe(ex) + ")");
		}
		catch (IOException ex) {
			throw refused(file, "it is incomplete or damaged: it cannot be read whole (" + describe(ex) + ")");
		}
	}

	/** Checks the seal over the whole file under the configured master key. */
	static void checkSeal(Path file, KeyVault vault) {
		try {
			long size = Files.size(file);
			byte[] tag = new byte[TAG_CHARS];
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
				if (size <= TAG_CHARS || channel.read(ByteBuffer.wrap(tag), size - TAG_CHARS) != TAG_CHARS) {
					throw altered(file);
				}
			}
			byte[] expected = HexFormat.of()
				.formatHex(hmac(file, size - TAG_CHARS, vault))
				.getBytes(StandardCharsets.US_ASCII);
			if (!MessageDigest.isEqual(expected, tag)) {
				throw altered(file);
			}
		}
		catch (IOException ex) {
			throw refused(file, "it is incomplete or damaged: it cannot be read whole (" + describe(ex) + ")");
		}
	}

	/**
	 * Streams the database out of the backup into {@code target} (when not null),
	 * checking that it is the one the manifest describes: same size, same SHA-256.
	 */
	static void copyDatabase(Path file, BackupManifest manifest, OutputStream target) {
		MessageDigest sha256 = sha256();
		long size = 0;
		try (ZipFile zip = new ZipFile(file.toFile());
				InputStream in = zip.getInputStream(zip.getEntry(DATABASE_ENTRY))) {
			byte[] buffer = new byte[BUFFER];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				sha256.update(buffer, 0, read);
				size += read;
				if (target != null) {
					target.write(buffer, 0, read);
				}
			}
		}
		catch (IOException ex) {
			throw refused(file,
					"it is incomplete or damaged: its database cannot be read whole (" + describe(ex) + ")");
		}
		String digest = HexFormat.of().formatHex(sha256.digest());
		if (size != manifest.databaseSize() || !digest.equals(manifest.databaseSha256())) {
			throw refused(file,
					"the database in it is not the one its manifest describes (%d bytes with SHA-256 %s, "
						.formatted(size, digest)
							+ "where the manifest says %d bytes with SHA-256 %s): it was altered"
								.formatted(manifest.databaseSize(), manifest.databaseSha256()));
		}
	}

	private static byte[] hmac(Path file, long length, KeyVault vault) throws IOException {
		Mac mac = vault.authenticator(SEAL_PURPOSE);
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buffer = new byte[BUFFER];
			long left = length;
			while (left > 0) {
				int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
				if (read < 0) {
					break;
				}
				mac.update(buffer, 0, read);
				left -= read;
			}
		}
		return mac.doFinal();
	}

	private static String describe(IOException ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	private static RestoreRefusedException altered(Path file) {
		return refused(file, "it fails its integrity check: it was altered or cut short after it was made");
	}

	static RestoreRefusedException refused(Path file, String reason) {
		return new RestoreRefusedException(
				"The backup " + file + " is not restored: " + reason + ". Nothing was changed.",
				"Restore from an intact copy of the backup file.");
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

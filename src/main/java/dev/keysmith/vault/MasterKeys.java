package dev.keysmith.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master key: from the environment, else from the key file, else (only when no
 * sealed record exists yet) a new key written to the key file. It never replaces a key
 * that stored data depends on, and refuses a key that is not the one the data was sealed
 * with.
 */
public final class MasterKeys {

	private static final Logger log = LoggerFactory.getLogger(MasterKeys.class);

	private MasterKeys() {
	}

	static KeyVault open(VaultProperties properties, Set<String> keyIdsInUse) {
		KeyVault vault = new KeyVault(load(properties, keyIdsInUse));
		Set<String> others = new TreeSet<>(keyIdsInUse);
		others.remove(vault.keyId());
		if (!others.isEmpty()) {
			throw new VaultException(
					("Stored private keys and passwords were encrypted with master key %s, but the configured master "
							+ "key is %s. Keysmith will not start with the wrong key: set KEYSMITH_MASTER_KEY (or restore %s) "
							+ "to the key the data was encrypted with.")
						.formatted(String.join(", ", others), vault.keyId(), properties.keyFile()));
		}
		return vault;
	}

	/**
	 * The master key configured (from the environment, else the key file) as a vault, or
	 * empty when there is none; never creates one. For work that must not begin without
	 * the right key.
	 */
	public static Optional<KeyVault> configured(VaultProperties properties) {
		return existing(properties).map(KeyVault::new);
	}

	private static Optional<byte[]> existing(VaultProperties properties) {
		if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
			return Optional.of(decode(properties.masterKey(), "KEYSMITH_MASTER_KEY"));
		}
		Path file = properties.keyFile();
		if (file != null && Files.exists(file)) {
			return Optional.of(read(file));
		}
		return Optional.empty();
	}

	private static byte[] load(VaultProperties properties, Set<String> keyIdsInUse) {
		Optional<byte[]> existing = existing(properties);
		if (existing.isPresent()) {
			return existing.get();
		}
		Path file = properties.keyFile();
		if (!keyIdsInUse.isEmpty()) {
			throw new VaultException(("The database holds private keys encrypted with master key %s, but there is no "
					+ "master key: %s is missing and KEYSMITH_MASTER_KEY is not set. Keysmith will not create a new "
					+ "key, which would leave those keys unreadable: restore the key file or set KEYSMITH_MASTER_KEY.")
				.formatted(String.join(", ", new TreeSet<>(keyIdsInUse)), file));
		}
		return create(file);
	}

	private static byte[] read(Path file) {
		try {
			return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
		}
		catch (IOException ex) {
			throw new VaultException("The master key file " + file + " cannot be read: " + ex.getMessage());
		}
	}

	private static byte[] decode(String base64, String source) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new VaultException("The master key in " + source + " is not Base64: expected Base64 of 32 random "
					+ "bytes (openssl rand -base64 32)");
		}
		if (key.length != 32) {
			throw new VaultException("The master key in " + source + " is " + key.length + " bytes; it must be 32 "
					+ "(openssl rand -base64 32)");
		}
		return key;
	}

	private static byte[] create(Path file) {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		try {
			Path parent = file.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
			if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
			}
			else {
				Files.createFile(file);
			}
			Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
		}
		catch (FileAlreadyExistsException ex) {
			// another instance created it between our check and now: use that one
			return read(file);
		}
		catch (IOException ex) {
			throw new VaultException("The master key file " + file + " cannot be created: " + ex.getMessage());
		}
		log.info("Created a new master key {} in {} (owner-only). Back it up: without it the stored private keys "
				+ "cannot be read.", KeyVault.keyId(key), file);
		return key;
	}

}

package dev.keysmith.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;

import dev.keysmith.vault.KeyVault;

import org.springframework.stereotype.Component;

/**
 * The seal of an audit entry: the id of the master key and an HMAC-SHA256 of the entry's
 * hash (which covers its fields and the hash before it) under a key that the vault
 * derives from that master key for this purpose alone. Whoever can write to the database
 * can compute hashes, but not seals. Each thread keeps its own HMAC, derived once.
 */
@Component
class AuditSeal {

	private static final String PURPOSE = "audit entries";

	private final KeyVault vault;

	private final ThreadLocal<Mac> macs;

	AuditSeal(KeyVault vault) {
		this.vault = vault;
		this.macs = ThreadLocal.withInitial(() -> vault.authenticator(PURPOSE));
	}

	String of(String entryHash) {
		return this.vault.keyId() + ":"
				+ HexFormat.of().formatHex(this.macs.get().doFinal(entryHash.getBytes(StandardCharsets.US_ASCII)));
	}

	/**
	 * Why the seal is not this installation's seal of the hash, or {@code null} when it
	 * is.
	 */
	String mismatch(String entryHash, String seal) {
		int colon = seal.indexOf(':');
		String keyId = (colon > 0) ? seal.substring(0, colon) : "(none)";
		if (!keyId.equals(this.vault.keyId())) {
			return "it was sealed with master key " + keyId + ", and this Keysmith holds master key "
					+ this.vault.keyId() + ": its seal cannot be checked (was the master key replaced?)";
		}
		if (!MessageDigest.isEqual(of(entryHash).getBytes(StandardCharsets.US_ASCII),
				seal.getBytes(StandardCharsets.US_ASCII))) {
			return "it does not carry the seal of its hash: it was changed and the hashes after it computed "
					+ "again outside Keysmith";
		}
		return null;
	}

}

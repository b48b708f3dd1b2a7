package dev.keysmith.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import dev.keysmith.vault.KeyVault;

import org.springframework.stereotype.Component;

/**
 * The seal of an audit entry: an HMAC-SHA256 of the entry's hash (which covers its fields
 * and the hash before it) under a key that the vault derives from the master key for this
 * purpose alone. Whoever can write to the database can compute hashes, but not seals.
 */
@Component
class AuditSeal {

	private static final String PURPOSE = "audit entries";

	private final KeyVault vault;

	AuditSeal(KeyVault vault) {
		this.vault = vault;
	}

	String of(String entryHash) {
		return HexFormat.of()
			.formatHex(this.vault.authenticator(PURPOSE).doFinal(entryHash.getBytes(StandardCharsets.US_ASCII)));
	}

	/** Whether the seal is the one this installation's master key makes for the hash. */
	boolean matches(String entryHash, String seal) {
		return MessageDigest.isEqual(of(entryHash).getBytes(StandardCharsets.US_ASCII),
				seal.getBytes(StandardCharsets.US_ASCII));
	}

}

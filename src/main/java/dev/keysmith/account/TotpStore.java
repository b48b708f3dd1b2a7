package dev.keysmith.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.keysmith.vault.KeyVault;
import dev.keysmith.vault.SealedRecords;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored TOTP secrets (sealed) and recovery codes (hashed) of the accounts. Using a
 * code once is one conditional update, so that two requests racing with the same code
 * cannot both win.
 */
@Component
class TotpStore implements SealedRecords {

	private final JdbcClient jdbc;

	TotpStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<KeyVault.Sealed> secret(String username) {
		return this.jdbc.sql("SELECT vault_key_id, sealed_secret FROM account_totp WHERE username = ?")
			.param(username)
			.query((rs, row) -> new KeyVault.Sealed(rs.getString(1), rs.getString(2)))
			.optional();
	}

	@Transactional
	void enable(String username, KeyVault.Sealed secret, long usedStep, List<String> recoveryHashes, Instant at) {
		disable(username);
		this.jdbc
			.sql("INSERT INTO account_totp (username, sealed_secret, vault_key_id, last_step, enabled_at) "
					+ "VALUES (?, ?, ?, ?, ?)")
			.params(username, secret.ciphertext(), secret.keyId(), usedStep, java.sql.Timestamp.from(at))
			.update();
		for (String hash : recoveryHashes) {
			this.jdbc.sql("INSERT INTO account_recovery_code (username, code_hash) VALUES (?, ?)")
				.params(username, hash)
				.update();
		}
	}

	@Transactional
	void disable(String username) {
		this.jdbc.sql("DELETE FROM account_recovery_code WHERE username = ?").param(username).update();
		this.jdbc.sql("DELETE FROM account_totp WHERE username = ?").param(username).update();
	}

	/** Marks a step used; false when it (or a later one) was used already. */
	boolean useStep(String username, long step) {
		return this.jdbc
			.sql("UPDATE account_totp SET last_step = ? WHERE username = ? AND (last_step IS NULL OR last_step < ?)")
			.params(step, username, step)
			.update() == 1;
	}

	/** Marks a recovery code used; false when there is no such unused code. */
	boolean useRecoveryCode(String username, String hash, Instant at) {
		return this.jdbc.sql(
				"UPDATE account_recovery_code SET used_at = ? WHERE username = ? AND code_hash = ? AND used_at IS NULL")
			.params(java.sql.Timestamp.from(at), username, hash)
			.update() == 1;
	}

	int unusedRecoveryCodes(String username) {
		return this.jdbc.sql("SELECT COUNT(*) FROM account_recovery_code WHERE username = ? AND used_at IS NULL")
			.param(username)
			.query(Integer.class)
			.single();
	}

	@Override
	public Set<String> vaultKeyIdsInUse() {
		return Set.copyOf(this.jdbc.sql("SELECT DISTINCT vault_key_id FROM account_totp").query(String.class).list());
	}

}

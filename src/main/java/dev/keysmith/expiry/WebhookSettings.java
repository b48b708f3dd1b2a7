package dev.keysmith.expiry;

import java.time.Instant;

import dev.keysmith.vault.KeyVault;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The webhook's one row: its URL, its signing secret sealed by the vault (null: none),
 * who set them when, and how the last delivery went.
 */
@Entity
@Table(name = "expiry_webhook")
class WebhookSettings {

	static final int ID = 1;

	static final int URL_LENGTH = 2048;

	static final int OUTCOME_LENGTH = 1024;

	/** The vault context of the sealed secret: it opens only as this record's secret. */
	static final String SECRET_CONTEXT = "expiry-webhook-secret";

	@Id
	private int id;

	@Column(length = URL_LENGTH)
	private String url;

	@Column(length = 4096)
	private String sealedSecret;

	@Column(length = 16)
	private String vaultKeyId;

	private Instant updatedAt;

	@Column(length = 255)
	private String updatedBy;

	private Instant lastAttemptAt;

	@Column(length = OUTCOME_LENGTH)
	private String lastOutcome;

	private Instant lastDeliveredAt;

	@Version
	private long version;

	protected WebhookSettings() {
	}

	WebhookSettings(Instant now, String actor) {
		this.id = ID;
		this.updatedAt = now;
		this.updatedBy = actor;
	}

	void change(String url, KeyVault.Sealed secret, boolean keepSecret, Instant now, String actor) {
		this.url = url;
		if (!keepSecret) {
			this.sealedSecret = (secret != null) ? secret.ciphertext() : null;
			this.vaultKeyId = (secret != null) ? secret.keyId() : null;
		}
		this.updatedAt = now;
		this.updatedBy = actor;
	}

	/** An outcome as its column takes it (shortened, never refused). */
	static String fitOutcome(String outcome) {
		return (outcome.length() > OUTCOME_LENGTH) ? outcome.substring(0, OUTCOME_LENGTH - 1) + "…" : outcome;
	}

	KeyVault.Sealed sealedSecret() {
		return (this.sealedSecret != null) ? new KeyVault.Sealed(this.vaultKeyId, this.sealedSecret) : null;
	}

	String getUrl() {
		return this.url;
	}

	boolean hasSecret() {
		return this.sealedSecret != null;
	}

	String getVaultKeyId() {
		return this.vaultKeyId;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

	String getUpdatedBy() {
		return this.updatedBy;
	}

	Instant getLastAttemptAt() {
		return this.lastAttemptAt;
	}

	String getLastOutcome() {
		return this.lastOutcome;
	}

	Instant getLastDeliveredAt() {
		return this.lastDeliveredAt;
	}

}

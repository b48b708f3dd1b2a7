package dev.keysmith.expiry;

import java.util.Set;

import dev.keysmith.vault.SealedRecords;

import org.springframework.stereotype.Component;

/** Tells the vault which master key sealed the webhook's secret. */
@Component
class WebhookSealedRecords implements SealedRecords {

	private final WebhookSettingsRepository settings;

	WebhookSealedRecords(WebhookSettingsRepository settings) {
		this.settings = settings;
	}

	@Override
	public Set<String> vaultKeyIdsInUse() {
		return this.settings.findVaultKeyIds();
	}

}

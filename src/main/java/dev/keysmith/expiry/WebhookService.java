package dev.keysmith.expiry;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import dev.keysmith.audit.AuditLog;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.PrintableText;
import dev.keysmith.thingsboard.HostNames;
import dev.keysmith.vault.KeyVault;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The webhook's settings: its URL (http or https to a host name or IP address) and its
 * signing secret, sealed by the vault at rest and never shown again, only whether one is
 * set. Every change is audited, without the secret.
 */
@Service
class WebhookService {

	static final String AUDIT_ACTION = "EXPIRY_WEBHOOK_CHANGED";

	static final int MIN_SECRET_LENGTH = 16;

	static final int MAX_SECRET_LENGTH = 256;

	private final WebhookSettingsRepository settings;

	private final ExpiryEntryRepository entries;

	private final KeyVault vault;

	private final AuditLog audit;

	private final Clock clock;

	private final TransactionTemplate transactions;

	WebhookService(WebhookSettingsRepository settings, ExpiryEntryRepository entries, KeyVault vault, AuditLog audit,
			Clock clock, PlatformTransactionManager transactionManager) {
		this.settings = settings;
		this.entries = entries;
		this.vault = vault;
		this.audit = audit;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	WebhookView view() {
		long pending = this.entries.countByNotifiedAtIsNull();
		return this.settings.findById(WebhookSettings.ID)
			.map((webhook) -> WebhookView.of(webhook, pending))
			.orElseGet(() -> WebhookView.none(pending));
	}

	/**
	 * Sets the URL (blank: no webhook) and the secret: a new one when given, none when
	 * {@code removeSecret}, else the one stored.
	 */
	WebhookView update(String url, String secret, boolean removeSecret, String actor) {
		String checkedUrl = (url == null || url.isBlank()) ? null : checkUrl(url).toString();
		boolean newSecret = secret != null && !secret.isEmpty();
		if (newSecret && removeSecret) {
			throw new InvalidRequestException("secret", "Give a new secret or remove the secret, not both");
		}
		if (newSecret && (secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_SECRET_LENGTH)) {
			throw new InvalidRequestException("secret", "The secret must have %d to %d characters, not %d"
				.formatted(MIN_SECRET_LENGTH, MAX_SECRET_LENGTH, secret.length()));
		}
		Instant now = this.clock.instant();
		KeyVault.Sealed sealed = newSecret
				? this.vault.seal(secret.getBytes(StandardCharsets.UTF_8), WebhookSettings.SECRET_CONTEXT) : null;
		this.transactions.executeWithoutResult((status) -> {
			WebhookSettings webhook = this.settings.findById(WebhookSettings.ID)
				.orElseGet(() -> new WebhookSettings(now, actor));
			boolean had = webhook.hasSecret();
			webhook.change(checkedUrl, sealed, !newSecret && !removeSecret, now, actor);
			this.settings.save(webhook);
			String secretChange = newSecret ? "new secret"
					: (removeSecret ? (had ? "secret removed" : "no secret") : (had ? "secret kept" : "no secret"));
			this.audit.record(actor, AUDIT_ACTION, "webhook", String.valueOf(WebhookSettings.ID),
					((checkedUrl != null) ? "URL " + checkedUrl : "no URL (notices off)") + ", " + secretChange);
		});
		return view();
	}

	/** The secret to sign with, or null when none is set. */
	byte[] secret(WebhookSettings webhook) {
		KeyVault.Sealed sealed = webhook.sealedSecret();
		return (sealed != null) ? this.vault.open(sealed, WebhookSettings.SECRET_CONTEXT) : null;
	}

	static URI checkUrl(String url) {
		String trimmed = url.strip();
		if (trimmed.length() > WebhookSettings.URL_LENGTH) {
			throw new InvalidRequestException("url",
					"The webhook URL has at most %d characters".formatted(WebhookSettings.URL_LENGTH));
		}
		URI uri;
		try {
			uri = new URI(trimmed);
		}
		catch (URISyntaxException ex) {
			throw new InvalidRequestException("url",
					"'" + PrintableText.oneLine(url) + "' is not a valid URL: " + ex.getReason());
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
			throw new InvalidRequestException("url", "The webhook URL must be an http:// or https:// address with a "
					+ "host name or an IP address, not '" + PrintableText.oneLine(url) + "'");
		}
		HostNames.check("url", "webhook URL's host", uri.getHost());
		if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
			throw new InvalidRequestException("url",
					"The webhook URL takes no user or fragment (sign the notices with the secret instead)");
		}
		return uri;
	}

	/** The webhook as the settings page and the API show it: never the secret. */
	record WebhookView(String url, boolean secretSet, Instant updatedAt, String updatedBy, Instant lastAttemptAt,
			String lastOutcome, Instant lastDeliveredAt, long pendingEntries) {

		static WebhookView of(WebhookSettings webhook, long pending) {
			return new WebhookView(webhook.getUrl(), webhook.hasSecret(), webhook.getUpdatedAt(),
					webhook.getUpdatedBy(), webhook.getLastAttemptAt(), webhook.getLastOutcome(),
					webhook.getLastDeliveredAt(), pending);
		}

		static WebhookView none(long pending) {
			return new WebhookView(null, false, null, null, null, null, null, pending);
		}

	}

}

package dev.keysmith.expiry;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.keysmith.device.ServerNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

/**
 * Tells the webhook which certificates entered a window since the last notice it took:
 * the entries not yet notified, oldest first, in messages of at most
 * {@code max-devices-per-notice}. An entry is marked notified only once the receiver
 * answered 2xx, so a receiver that is down hears of it at the next round. One round at a
 * time per instance; no lock or transaction is held while the receiver is called.
 */
@Component
class WebhookNotifier {

	private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

	/** Messages sent in one round at most (the rest wait for the next round). */
	static final int MAX_MESSAGES_PER_ROUND = 20;

	private final WebhookSettingsRepository settings;

	private final WebhookService webhooks;

	private final ExpiryEntryRepository entries;

	private final ServerNames servers;

	private final JsonMapper json;

	private final Clock clock;

	private final ExpiryProperties.Webhook properties;

	private final WebhookSender sender;

	private final AtomicBoolean delivering = new AtomicBoolean();

	WebhookNotifier(WebhookSettingsRepository settings, WebhookService webhooks, ExpiryEntryRepository entries,
			ServerNames servers, JsonMapper json, Clock clock, ExpiryProperties properties) {
		this.settings = settings;
		this.webhooks = webhooks;
		this.entries = entries;
		this.servers = servers;
		this.json = json;
		this.clock = clock;
		this.properties = properties.webhook();
		this.sender = new WebhookSender(this.properties);
	}

	/**
	 * One round: sends what is pending until all is taken, the receiver fails, or the
	 * round's limit.
	 * @return how many entries the receiver took
	 */
	int deliverPending() {
		if (!this.delivering.compareAndSet(false, true)) {
			return 0; // a round is going on: it sends these too
		}
		try {
			Optional<WebhookSettings> webhook = this.settings.findById(WebhookSettings.ID)
				.filter((w) -> w.getUrl() != null);
			return webhook.isPresent() ? deliver(webhook.get()) : 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
		finally {
			this.delivering.set(false);
		}
	}

	private int deliver(WebhookSettings webhook) throws InterruptedException {
		URI url = URI.create(webhook.getUrl());
		byte[] secret = this.webhooks.secret(webhook);
		Map<UUID, String> names = this.servers.byId();
		int taken = 0;
		for (int message = 0; message < MAX_MESSAGES_PER_ROUND; message++) {
			UUID claim = UUID.randomUUID();
			List<ExpiryEntry> pending = claimPending(claim);
			if (pending.isEmpty()) {
				break;
			}
			Instant sentAt = this.clock.instant();
			byte[] body = this.json.writeValueAsBytes(message(pending, names, sentAt));
			WebhookSender.Delivery delivery = this.sender.send(url, body, sentAt, secret);
			Instant answeredAt = this.clock.instant();
			this.settings.recordAttempt(answeredAt, WebhookSettings.fitOutcome(delivery.outcome()));
			if (delivery.delivered()) {
				this.settings.recordDelivered(answeredAt);
			}
			if (!delivery.delivered()) {
				this.entries.release(claim);
				log.warn("The webhook did not take a notice of {} certificates: {}; it is tried again later",
						pending.size(), delivery.outcome());
				break;
			}
			this.entries.markNotified(pending.stream().map(ExpiryEntry::getId).toList(), sentAt);
			taken += pending.size();
		}
		if (taken > 0) {
			log.info("The webhook took notices of {} certificates entering an expiry window", taken);
		}
		return taken;
	}

	/**
	 * The oldest pending entries no other round holds, claimed for this one for as long
	 * as its tries can take and a minute more.
	 */
	private List<ExpiryEntry> claimPending(UUID claim) {
		Instant now = this.clock.instant();
		List<UUID> ids = this.entries
			.findPending(now, PageRequest.of(0, Math.max(1, this.properties.maxDevicesPerNotice())))
			.stream()
			.map(ExpiryEntry::getId)
			.toList();
		if (ids.isEmpty() || this.entries.claim(ids, claim, now, now.plus(claimLength())) == 0) {
			return List.of();
		}
		return this.entries.findByClaimTokenOrderByEnteredAtAscIdAsc(claim);
	}

	private Duration claimLength() {
		int attempts = Math.max(1, this.properties.attempts());
		Duration tries = this.properties.connectTimeout().plus(this.properties.readTimeout()).multipliedBy(attempts);
		Duration pauses = this.properties.retryBackoff().multipliedBy((1L << Math.min(attempts, 20)) - 1);
		return tries.plus(pauses).plus(Duration.ofMinutes(1));
	}

	private static WebhookMessage message(List<ExpiryEntry> pending, Map<UUID, String> names, Instant sentAt) {
		List<WebhookMessage.Entered> devices = pending.stream()
			.map((entry) -> new WebhookMessage.Entered(entry.getDeviceId(), entry.getDeviceName(), entry.getServerId(),
					(entry.getServerId() != null)
							? names.getOrDefault(entry.getServerId(), ExpiryService.DELETED_SERVER) : null,
					entry.getCredentialId(), entry.getWindow().key(), entry.getNotAfter(),
					Duration.between(sentAt, entry.getNotAfter()).toDays(), entry.getEnteredAt()))
			.toList();
		return new WebhookMessage(WebhookMessage.TYPE, sentAt, devices);
	}

}

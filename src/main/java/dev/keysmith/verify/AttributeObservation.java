package dev.keysmith.verify;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.keysmith.dtls.DtlsClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The device's observation of its shared attributes: notifications queue up as
 * Californium delivers them (never blocking its threads) and the run takes them in order.
 */
final class AttributeObservation {

	static final String PATH = "/api/v1/attributes";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BlockingQueue<CoapResponse> notifications = new LinkedBlockingQueue<>();

	private final CoapObserveRelation relation;

	private AttributeObservation(DtlsClient client) {
		this.relation = client.observe(PATH, new CoapHandler() {
			@Override
			public void onLoad(CoapResponse response) {
				AttributeObservation.this.notifications.add(response);
			}

			@Override
			public void onError() {
				// a lost observation shows as a missing notification
			}
		});
	}

	static AttributeObservation start(DtlsClient client) {
		return new AttributeObservation(client);
	}

	/** The next notification, or {@code null} when none came in time. */
	CoapResponse next(long millis) {
		try {
			return this.notifications.poll(Math.max(1, millis), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * Waits for a notification that sets {@code key} to {@code value}, keeping the text
	 * of the others in {@code seen}; {@code null} when none came by the deadline.
	 */
	CoapResponse awaitValue(String key, String value, long deadlineNanos, List<String> seen) {
		while (System.nanoTime() < deadlineNanos) {
			CoapResponse notification = next((deadlineNanos - System.nanoTime()) / 1_000_000);
			if (notification == null) {
				return null;
			}
			seen.add(notification.getResponseText());
			if (value.equals(valueOf(notification, key))) {
				return notification;
			}
		}
		return null;
	}

	/** Cancels locally only: for an observation the server never took up. */
	void drop() {
		this.relation.reactiveCancel();
	}

	/**
	 * Tells the server the observation is over. @return whether there was one to cancel
	 */
	boolean cancel() {
		if (this.relation.isCanceled()) {
			return false;
		}
		this.relation.proactiveCancel();
		return true;
	}

	/**
	 * A value nobody else would set: the probe's proof that the notification is this
	 * run's.
	 */
	static String nonce() {
		byte[] random = new byte[6];
		new SecureRandom().nextBytes(random);
		return "n-" + HexFormat.of().formatHex(random);
	}

	private static String valueOf(CoapResponse notification, String key) {
		try {
			JsonNode body = JSON.readTree(notification.getResponseText());
			return body.path(key).asString(null);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}

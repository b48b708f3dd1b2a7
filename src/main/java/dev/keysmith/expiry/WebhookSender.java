package dev.keysmith.expiry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts one notice to the webhook, within deadlines (connect, and the receiver's answer),
 * a few times with growing pauses while the failure may pass (no answer, 408, 429, 5xx;
 * not within the round when the receiver's {@code Retry-After} asks for a longer pause).
 * The body is signed when a secret is set: {@code X-Keysmith-Signature:
 * sha256=<hex HMAC-SHA256 of the body under the secret>}; {@code X-Keysmith-Timestamp}
 * repeats the body's {@code sentAt} in epoch seconds. Redirects are not followed.
 */
final class WebhookSender {

	static final String SIGNATURE_HEADER = "X-Keysmith-Signature";

	static final String TIMESTAMP_HEADER = "X-Keysmith-Timestamp";

	private final HttpClient http;

	private final ExpiryProperties.Webhook properties;

	WebhookSender(ExpiryProperties.Webhook properties) {
		this.properties = properties;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** Posts the body; the result says whether the receiver took it (2xx), and how. */
	Delivery send(URI url, byte[] body, Instant sentAt, byte[] secret) throws InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(url)
			.timeout(this.properties.readTimeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "Keysmith")
			.header(TIMESTAMP_HEADER, String.valueOf(sentAt.getEpochSecond()))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (secret != null) {
			request.header(SIGNATURE_HEADER, signature(secret, body));
		}
		int attempts = Math.max(1, this.properties.attempts());
		Duration pause = this.properties.retryBackoff();
		Delivery delivery = null;
		for (int attempt = 1; attempt <= attempts; attempt++) {
			if (attempt > 1) {
				Thread.sleep(pause.toMillis());
				pause = pause.multipliedBy(2);
			}
			delivery = once(request.build(), attempt);
			if (delivery.delivered() || !delivery.worthRetrying()) {
				return delivery;
			}
			if (delivery.retryAfter() != null && delivery.retryAfter().compareTo(pause) > 0) {
				// the receiver asked for a longer pause than this round takes: the next
				// round tries again
				return delivery;
			}
		}
		return delivery;
	}

	private Delivery once(HttpRequest request, int attempt) throws InterruptedException {
		try {
			// only the status counts: the body is not read, so a slow one cannot hold us
			HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			response.body().close();
			int status = response.statusCode();
			boolean delivered = status >= 200 && status < 300;
			boolean retry = status == 408 || status == 429 || status >= 500;
			Duration retryAfter = response.headers()
				.firstValue("Retry-After")
				.filter((value) -> value.matches("[0-9]{1,9}"))
				.map((value) -> Duration.ofSeconds(Long.parseLong(value)))
				.orElse(null);
			String asked = (retryAfter != null) ? ", asked to wait " + retryAfter.toSeconds() + " s" : "";
			return new Delivery(delivered, retry,
					"HTTP " + status + " from " + host(request.uri()) + " (try " + attempt + asked + ")", retryAfter);
		}
		catch (IOException ex) {
			return new Delivery(
					false, true, "No answer from " + host(request.uri()) + " (try " + attempt + "): "
							+ ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? " " + ex.getMessage() : ""),
					null);
		}
	}

	/** {@code sha256=} and the hex HMAC-SHA256 of the body under the secret. */
	static String signature(byte[] secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is part of every JDK", ex);
		}
	}

	private static String host(URI uri) {
		return uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
	}

	/**
	 * @param delivered whether the receiver took the notice (2xx)
	 * @param worthRetrying whether the failure may pass (no answer, 408, 429, 5xx)
	 * @param outcome what happened, in words
	 * @param retryAfter how long the receiver asked to wait ({@code Retry-After} in
	 * seconds), or null
	 */
	record Delivery(boolean delivered, boolean worthRetrying, String outcome, Duration retryAfter) {
	}

}

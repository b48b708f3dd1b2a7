package dev.keysmith.verify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of a verification run. The DTLS defaults make a dead server fail in about 8 s:
 * the ClientHello goes out at 0, and again after 1, 1.5 and 2.25 s, then 3.4 s more are waited.
 * @param dtlsRetransmissionTimeout wait before the first retransmission of a flight
 * @param dtlsRetransmissionScale factor between successive waits
 * @param dtlsMaxRetransmissions retransmissions before the handshake is given up
 * @param coapTimeout bound of one CoAP request once the handshake is done
 * @param readBackTimeout how long to poll ThingsBoard's REST API for the posted telemetry
 * @param notificationTimeout how long to wait for an observe notification
 * @param interruptedCheckInterval how often runs whose Keysmith instance is gone are closed
 * (also at start-up)
 * @param streamHeartbeat how often an open event stream gets a comment line, so that a
 * watcher that went away is noticed and released
 */
@ConfigurationProperties("keysmith.verify")
public record VerifyProperties(@DefaultValue("1s") Duration dtlsRetransmissionTimeout,
		@DefaultValue("1.5") float dtlsRetransmissionScale, @DefaultValue("3") int dtlsMaxRetransmissions,
		@DefaultValue("10s") Duration coapTimeout, @DefaultValue("10s") Duration readBackTimeout,
		@DefaultValue("10s") Duration notificationTimeout, @DefaultValue("30s") Duration interruptedCheckInterval,
		@DefaultValue("15s") Duration streamHeartbeat) {

	static final Duration DEFAULT_INTERRUPTED_CHECK_INTERVAL = Duration.ofSeconds(30);

	static final Duration DEFAULT_STREAM_HEARTBEAT = Duration.ofSeconds(15);

	@ConstructorBinding
	public VerifyProperties {
	}

	/** The bounds of a run, with the default intervals of the rest. */
	public VerifyProperties(Duration dtlsRetransmissionTimeout, float dtlsRetransmissionScale, int dtlsMaxRetransmissions,
			Duration coapTimeout, Duration readBackTimeout, Duration notificationTimeout) {
		this(dtlsRetransmissionTimeout, dtlsRetransmissionScale, dtlsMaxRetransmissions, coapTimeout, readBackTimeout,
				notificationTimeout, DEFAULT_INTERRUPTED_CHECK_INTERVAL, DEFAULT_STREAM_HEARTBEAT);
	}

}

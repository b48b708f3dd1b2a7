package dev.keysmith.dtls;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of Keysmith's DTLS client, under the {@code keysmith.verify} settings where they
 * have always been. The defaults make a dead server fail in about 8 s: the ClientHello
 * goes out at 0, and again after 1, 1.5 and 2.25 s, then 3.4 s more are waited.
 *
 * @param dtlsRetransmissionTimeout wait before the first retransmission of a flight
 * @param dtlsRetransmissionScale factor between successive waits
 * @param dtlsMaxRetransmissions retransmissions before the handshake is given up
 * @param coapTimeout bound of one CoAP request once the handshake is done
 */
@ConfigurationProperties("keysmith.verify")
public record DtlsProperties(@DefaultValue("1s") Duration dtlsRetransmissionTimeout,
		@DefaultValue("1.5") float dtlsRetransmissionScale, @DefaultValue("3") int dtlsMaxRetransmissions,
		@DefaultValue("10s") Duration coapTimeout) {

	/** The defaults, for code and tests that run without Spring. */
	public static DtlsProperties defaults() {
		return new DtlsProperties(Duration.ofSeconds(1), 1.5f, 3, Duration.ofSeconds(10));
	}

}

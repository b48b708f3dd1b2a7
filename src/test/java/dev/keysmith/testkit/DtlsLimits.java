package dev.keysmith.testkit;

import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.dtls.MaxFragmentLengthExtension;

/**
 * The two datagram settings of ThingsBoard's DTLS server, applied to the double's
 * Scandium server the way ThingsBoard applies them:
 * {@code COAP_DTLS_MAX_TRANSMISSION_UNIT} becomes Scandium's MTU (its own datagrams are
 * at most that less 64 bytes of IP and UDP headers), and
 * {@code COAP_DTLS_MAX_FRAGMENT_LENGTH} (512, 1024, 2048 or 4096) becomes Scandium's
 * maximum fragment length, which also shrinks the buffer it receives datagrams into to
 * that length plus the largest cipher expansion and the record and handshake headers: a
 * longer datagram is cut short by the socket and its unfinished records are dropped. 0
 * leaves a setting unset, as in ThingsBoard (another fragment length is ignored there
 * too).
 */
public record DtlsLimits(int maxTransmissionUnit, int maxFragmentLength) {

	/** ThingsBoard's defaults: 1024 and 1024. */
	public static final DtlsLimits THINGSBOARD_DEFAULTS = new DtlsLimits(1024, 1024);

	void applyTo(Configuration config) {
		if (this.maxTransmissionUnit > 0) {
			config.set(DtlsConfig.DTLS_MAX_TRANSMISSION_UNIT, this.maxTransmissionUnit);
		}
		for (MaxFragmentLengthExtension.Length length : MaxFragmentLengthExtension.Length.values()) {
			if (length.length() == this.maxFragmentLength) {
				config.set(DtlsConfig.DTLS_MAX_FRAGMENT_LENGTH, length);
			}
		}
	}

}

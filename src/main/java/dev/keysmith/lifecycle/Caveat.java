package dev.keysmith.lifecycle;

/**
 * What Keysmith cannot prove about devices already connected, in the words the operator
 * reads after an activation or a revocation.
 */
final class Caveat {

	/** The ThingsBoard setting that bounds the window. */
	static final String SETTING = "TB_COAP_X509_DTLS_SESSION_INACTIVITY_TIMEOUT";

	private Caveat() {
	}

	static String afterActivation() {
		return "The new certificate works from a new address, and the old one is refused from a new address. "
				+ "A device still connected from the same address (a fixed source port or the same NAT mapping) "
				+ "with the old certificate may still be accepted by ThingsBoard until its DTLS session cache entry "
				+ "expires: ThingsBoard keeps it for " + SETTING + " (24 hours by default) after the last activity.";
	}

	static String afterRevocation() {
		return "The revoked certificate is refused from a new address. A device still connected from the same "
				+ "address (a fixed source port or the same NAT mapping) may still be accepted by ThingsBoard with it "
				+ "until its DTLS session cache entry expires: ThingsBoard keeps it for " + SETTING
				+ " (24 hours by default) after the last activity, so a device that keeps sending keeps it. "
				+ "Shorten that setting to shorten the window.";
	}

}

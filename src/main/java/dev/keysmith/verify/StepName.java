package dev.keysmith.verify;

/** The steps of a run, in order. */
enum StepName {

	RESOLVE("Resolve the CoAP host"), HANDSHAKE("DTLS handshake"), TELEMETRY("Post telemetry"),
	READ_BACK("Read it back over REST"), OBSERVE("Observe shared attributes"),
	ROUND_TRIP("Shared attribute round trip"), CLEAN_UP("Clean up");

	private final String label;

	StepName(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

}

package dev.keysmith.batch;

/** The stages a batch may run for each device, in this order. */
enum Stage {

	/**
	 * Generate the key and certificate (or import those of the CSV row) into Keysmith.
	 */
	ISSUE(ItemState.ISSUED),

	/**
	 * Make the certificate the device's credentials on the ThingsBoard server, with
	 * proof.
	 */
	PUSH(ItemState.PUSHED),

	/** Connect as the device over CoAP/DTLS. */
	VERIFY(ItemState.VERIFIED),

	/**
	 * Renew an existing device's certificate: prepare the next one and, when the batch
	 * says so, activate it test-then-commit. A renewal batch runs this stage alone.
	 */
	RENEW(ItemState.RENEWED);

	private final ItemState done;

	Stage(ItemState done) {
		this.done = done;
	}

	/** The state of an item once this stage is done. */
	ItemState done() {
		return this.done;
	}

	/** The stage that follows an item in this state, or {@code null} after the last. */
	static Stage after(ItemState state) {
		return switch (state) {
			case QUEUED -> ISSUE;
			case ISSUED -> PUSH;
			case PUSHED -> VERIFY;
			case VERIFIED -> RENEW;
			default -> null;
		};
	}

}

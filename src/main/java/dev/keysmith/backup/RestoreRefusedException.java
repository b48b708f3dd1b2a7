package dev.keysmith.backup;

/**
 * A backup is not restored: the message says why in plain words, and that nothing was
 * changed.
 */
class RestoreRefusedException extends RuntimeException {

	private final String action;

	RestoreRefusedException(String reason, String action) {
		super(reason);
		this.action = action;
	}

	/** What the operator can do about it. */
	String action() {
		return this.action;
	}

}

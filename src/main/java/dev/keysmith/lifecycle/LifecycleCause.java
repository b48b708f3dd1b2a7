package dev.keysmith.lifecycle;

/**
 * Why a lifecycle run failed, as a code beside its diagnosis in words (the steps hold the
 * push failure or verification cause underneath).
 */
public enum LifecycleCause {

	/** The new certificate could not be pushed or its push proven: nothing changed. */
	PUSH_FAILED,

	/**
	 * The new certificate was pushed but did not verify from a new address: rolled back.
	 */
	VERIFICATION_FAILED,

	/**
	 * Putting the old certificate back failed or could not be proven: the diagnosis says
	 * which certificate ThingsBoard holds.
	 */
	ROLLBACK_FAILED,

	/** ThingsBoard refused or did not answer the change of a revocation. */
	REVOCATION_FAILED,

	/** The revoked certificate was still accepted from a new address. */
	STILL_ACCEPTED,

	/**
	 * The revocation was done, but the refusal could not be shown (the connection failed
	 * otherwise, or none could be made).
	 */
	NOT_PROVEN,

	/** Keysmith had no room to run it: the prepared certificate waits, PENDING. */
	BUSY,

	/** Keysmith stopped while the run was going on. */
	INTERRUPTED,

	/** Keysmith itself failed; the detail says how. */
	KEYSMITH_ERROR

}

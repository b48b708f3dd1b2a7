package dev.keysmith.batch;

/** What to do when the ThingsBoard server already has a device of that name. */
enum OnExistingThingsBoardDevice {

	/** Make this certificate its credentials. */
	UPDATE,

	/**
	 * The item fails with cause EXISTS_IN_THINGSBOARD (unless it already holds this very
	 * certificate).
	 */
	FAIL

}

package dev.keysmith.verify;

/** How far a verification run goes. */
public enum Depth {

	/**
	 * Handshake, telemetry POST and its REST read-back: proof that the device connects
	 * and is stored.
	 */
	LIGHT,

	/** Every step, the shared attribute observation and round trip included. */
	FULL

}

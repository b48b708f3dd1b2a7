package dev.keysmith.lifecycle;

/** What a lifecycle run does. */
public enum LifecycleKind {

	/** Prepares a new credential, and activates it when asked to. */
	RENEWAL,

	/** Activates a credential prepared before. */
	ACTIVATION,

	/** Takes the certificate away from ThingsBoard and proves it is refused. */
	REVOCATION

}

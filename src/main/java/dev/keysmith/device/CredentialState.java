package dev.keysmith.device;

/**
 * Where a device credential is in its life. PENDING: made, not yet in use (e.g. a renewal
 * before it is pushed); ACTIVE: the device's certificate now, exactly one per device;
 * RETIRED: replaced. Failed and revoked credentials will be further states beside these.
 */
public enum CredentialState {

	PENDING, ACTIVE, RETIRED

}

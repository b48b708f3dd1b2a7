package dev.keysmith.device;

/**
 * Where a device credential is in its life. PENDING: made, not yet in use (a renewal
 * before its activation); ACTIVE: the device's certificate now, one per device at most;
 * RETIRED: replaced by a renewal; FAILED: an activation of it failed and was rolled back
 * (its cause is kept); REVOKED: its ThingsBoard credentials were replaced or its device
 * deleted, and a device with it is refused from new addresses.
 */
public enum CredentialState {

	PENDING, ACTIVE, RETIRED, FAILED, REVOKED

}

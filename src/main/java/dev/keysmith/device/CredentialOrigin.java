package dev.keysmith.device;

/** Where a device credential came from: made by Keysmith, or imported. */
public enum CredentialOrigin {

	GENERATED, IMPORTED, RENEWED

}

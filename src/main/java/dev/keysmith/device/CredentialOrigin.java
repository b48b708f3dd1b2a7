package dev.keysmith.device;

/**
 * Where a device credential came from, and so who holds its private key: Keysmith (made
 * or renewed here, or imported with its key), the device (issued for its CSR), or the
 * operator (made in the operator's browser).
 */
public enum CredentialOrigin {

	/** Key pair and certificate made by Keysmith. */
	GENERATED,

	/** Certificate (and maybe its key) brought in by the operator. */
	IMPORTED,

	/** Made by Keysmith as a renewal of an earlier credential. */
	RENEWED,

	/** Issued for a certificate signing request: the key never left the device. */
	CSR,

	/** Key pair made in the operator's browser: Keysmith saw only the public key. */
	BROWSER

}

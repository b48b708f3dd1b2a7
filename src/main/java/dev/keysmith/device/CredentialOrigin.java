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
	BROWSER;

	/**
	 * Who holds the private key when by its origin it is not Keysmith, in the words pages
	 * and the JSON API show; empty when Keysmith made it or may have been given it.
	 */
	public java.util.Optional<String> keyHolder() {
		return switch (this) {
			case CSR -> java.util.Optional.of("key held by the device");
			case BROWSER -> java.util.Optional.of("key held by the operator");
			default -> java.util.Optional.empty();
		};
	}

	/** How a device whose first credential has this origin came to be, for its page. */
	public String howMade() {
		return switch (this) {
			case GENERATED -> "Generated";
			case IMPORTED -> "Imported";
			case RENEWED -> "Renewed";
			case CSR -> "Issued for the device's CSR";
			case BROWSER -> "Key made in the operator's browser";
		};
	}

}

package dev.keysmith.vault;

/** The vault cannot do what was asked without risking or losing data. */
public class VaultException extends RuntimeException {

	public VaultException(String message) {
		super(message);
	}

}

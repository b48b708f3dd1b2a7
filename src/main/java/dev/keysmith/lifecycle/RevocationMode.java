package dev.keysmith.lifecycle;

/**
 * How a certificate is taken away from ThingsBoard, which requires credentials on every
 * device.
 */
public enum RevocationMode {

	/**
	 * The device's credentials become a fresh random access token: the device and its
	 * data stay, the certificate no longer authenticates.
	 */
	ACCESS_TOKEN("Replace the credentials by a fresh access token", "Read the credentials back"),

	/** The ThingsBoard device is deleted. */
	DELETE_DEVICE("Delete the ThingsBoard device", "Check the device is gone");

	private final String change;

	private final String readBack;

	RevocationMode(String change, String readBack) {
		this.change = change;
		this.readBack = readBack;
	}

	String change() {
		return this.change;
	}

	String readBack() {
		return this.readBack;
	}

}

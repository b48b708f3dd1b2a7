package dev.keysmith.device;

/**
 * What a sealed device key's associated data (AES-GCM) names, and so which record it
 * opens for.
 */
enum KeyBinding {

	/** The credential record: its id and its certificate's fingerprint. */
	RECORD {
		@Override
		String context(DeviceCredential credential) {
			return "keysmith:device-credential:" + credential.getId() + ":" + credential.getSha256Fingerprint();
		}
	},

	/**
	 * The certificate's fingerprint alone, as keys were sealed before credentials had
	 * records (V9).
	 */
	FINGERPRINT {
		@Override
		String context(DeviceCredential credential) {
			return "keysmith:device-key:" + credential.getSha256Fingerprint();
		}
	};

	abstract String context(DeviceCredential credential);

}

package dev.keysmith.device;

import dev.keysmith.pki.CertificateIssuer;

/**
 * The rule for device names: 1 to 255 characters (64 for a generated device, whose name is
 * its certificate's CN), no control characters, no lone surrogates, no outer spaces.
 */
final class DeviceNames {

	static final int MAX_LENGTH = Device.NAME_LENGTH;

	private DeviceNames() {
	}

	/** A name for a device whose certificate Keysmith generates with CN = the name. */
	static String checkGenerated(String name) {
		int length = (name != null) ? name.strip().length() : 0;
		if (length > CertificateIssuer.MAX_COMMON_NAME_LENGTH) {
			throw new InvalidDeviceRequestException("name",
					("A generated device's name is its certificate's common name (CN), which has at most %d "
							+ "characters (RFC 5280); this one has %d. Imported devices may have names of up to %d.")
						.formatted(CertificateIssuer.MAX_COMMON_NAME_LENGTH, length, MAX_LENGTH));
		}
		return check(name);
	}

	static String check(String name) {
		if (name == null || name.isBlank()) {
			throw new InvalidDeviceRequestException("name", "A device name is required");
		}
		String trimmed = name.strip();
		if (trimmed.length() > MAX_LENGTH) {
			throw new InvalidDeviceRequestException("name",
					"A device name has at most %d characters; this one has %d".formatted(MAX_LENGTH, trimmed.length()));
		}
		for (int i = 0; i < trimmed.length(); i++) {
			char c = trimmed.charAt(i);
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
				throw new InvalidDeviceRequestException("name",
						"A device name cannot contain control characters (found U+%04X at position %d)".formatted((int) c,
								i + 1));
			}
			boolean pair = Character.isHighSurrogate(c) && i + 1 < trimmed.length()
					&& Character.isLowSurrogate(trimmed.charAt(i + 1));
			if (pair) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw new InvalidDeviceRequestException("name", ("A device name cannot contain a lone surrogate (found "
						+ "U+%04X at position %d): the text was damaged on its way").formatted((int) c, i + 1));
			}
		}
		return trimmed;
	}

}

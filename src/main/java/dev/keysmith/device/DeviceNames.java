package dev.keysmith.device;

/** The rule for device names: 1 to 255 characters, no control characters, no outer spaces. */
final class DeviceNames {

	static final int MAX_LENGTH = 255;

	private DeviceNames() {
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
		}
		return trimmed;
	}

}

package dev.keysmith.device;

import dev.keysmith.common.Names;
import dev.keysmith.pki.CertificateIssuer;

/**
 * The rule for device names: 1 to 255 characters (64 for a generated device, whose name
 * is its certificate's CN), no control characters, no lone surrogates, no outer spaces.
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
		String problem = Names.problem("A device name", name, MAX_LENGTH);
		if (problem != null) {
			throw new InvalidDeviceRequestException("name", problem);
		}
		return name.strip();
	}

}

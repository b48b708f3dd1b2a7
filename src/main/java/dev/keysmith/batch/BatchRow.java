package dev.keysmith.batch;

import java.util.UUID;

/**
 * One device a batch is asked for, as given: a generated name, a CSV row, or a device
 * already in Keysmith.
 *
 * @param line the row's line in the file (its position for other sources)
 * @param certificatePem the certificate to import, or {@code null} to generate one
 * @param key the private key to import with it, or {@code null}
 * @param deviceId the Keysmith device, when the batch works on existing devices
 * @param csrPem the device's certificate signing request (PEM), for a device that keeps
 * its key
 */
record BatchRow(int line, String name, String label, String profileId, String certificatePem, byte[] key, UUID deviceId,
		String csrPem) {

	BatchRow(int line, String name, String label, String profileId, String certificatePem, byte[] key, UUID deviceId) {
		this(line, name, label, profileId, certificatePem, key, deviceId, null);
	}

	static BatchRow named(int line, String name) {
		return new BatchRow(line, name, null, null, null, null, null);
	}

}

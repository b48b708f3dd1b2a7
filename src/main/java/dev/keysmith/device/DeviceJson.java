package dev.keysmith.device;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A device as the JSON API shows it (the API tables in README.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeviceJson(UUID id, String name, String keyType, String origin, String subject, String serialNumber,
		Instant notBefore, Instant notAfter, String sha256Fingerprint, String credentialsId, boolean hasPrivateKey,
		String keyCustody, Instant createdAt, String createdBy, Object thingsboard, List<String> warnings, UUID caId) {

	static DeviceJson of(Device device) {
		return of(device, null);
	}

	static DeviceJson of(Device device, List<String> warnings) {
		return new DeviceJson(device.getId(), device.getName(), device.getKeyType().name(), device.getOrigin().name(),
				device.getSubject(), device.getSerialNumber(), device.getNotBefore(), device.getNotAfter(),
				device.getSha256Fingerprint(), device.getCredentialsId(), device.hasPrivateKey(), device.keyCustody(),
				device.getCreatedAt(), device.getCreatedBy(), device.placement().orElse(null), warnings,
				device.activeCredential().getCaId());
	}

}

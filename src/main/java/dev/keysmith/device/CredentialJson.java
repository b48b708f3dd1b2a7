package dev.keysmith.device;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a device's certificate history as the JSON API shows it (the API tables in
 * README.md).
 */
record CredentialJson(UUID id, String state, String keyType, String serialNumber, String sha256Fingerprint,
		String credentialsId, Instant notBefore, Instant notAfter, boolean hasPrivateKey, Instant createdAt,
		Instant activatedAt, Instant retiredAt, String failureCause, Instant revokedAt, Instant keyDestroyedAt,
		UUID caId) {

	static CredentialJson of(DeviceCredential credential) {
		return new CredentialJson(credential.getId(), credential.getState().name(), credential.getKeyType().name(),
				credential.getSerialNumber(), credential.getSha256Fingerprint(), credential.getCredentialsId(),
				credential.getNotBefore(), credential.getNotAfter(), credential.hasPrivateKey(),
				credential.getCreatedAt(), credential.getActivatedAt(), credential.getRetiredAt(),
				credential.getFailureCause(), credential.getRevokedAt(), credential.getKeyDestroyedAt(),
				credential.getCaId());
	}

}

package dev.keysmith.ca;

import java.time.Instant;
import java.util.UUID;

/**
 * A CA as the JSON API shows it (the API tables in README.md); never its key.
 *
 * @param issued how many device certificates it issued
 */
record CaJson(UUID id, String name, String keyType, String origin, String subject, String serialNumber,
		String sha256Fingerprint, Instant notBefore, Instant notAfter, Instant createdAt, String createdBy,
		boolean retired, Instant retiredAt, String retiredBy, long issued) {

	static CaJson of(DeviceCa ca, long issued) {
		return new CaJson(ca.getId(), ca.getName(), ca.getKeyType().name(), ca.getOrigin().name(), ca.getSubject(),
				ca.getSerialNumber(), ca.getSha256Fingerprint(), ca.getNotBefore(), ca.getNotAfter(), ca.getCreatedAt(),
				ca.getCreatedBy(), ca.isRetired(), ca.getRetiredAt(), ca.getRetiredBy(), issued);
	}

}

package dev.keysmith.device;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.common.KeyExportReason;
import dev.keysmith.pki.KeyType;

import org.springframework.data.domain.Page;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The devices part of Keysmith's JSON API (the API tables in README.md). */
@RestController
@RequestMapping("/api/devices")
class DeviceApiController {

	/**
	 * Header carrying the PKCS#12 password for {@code bundle.zip} (kept out of URLs and
	 * logs).
	 */
	static final String P12_PASSWORD_HEADER = "X-Keysmith-P12-Password";

	private final DeviceService devices;

	private final DeviceExports exports;

	private final DeviceCredentials credentials;

	DeviceApiController(DeviceService devices, DeviceExports exports, DeviceCredentials credentials) {
		this.devices = devices;
		this.exports = exports;
		this.credentials = credentials;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<DeviceJson> create(@RequestBody CreateDeviceRequest request, Principal principal) {
		KeyType keyType = KeyType.parseGeneratable(request.keyType());
		DeviceOutcome outcome = this.devices.createWithWarnings(request.name(), keyType, request.validityDays(),
				request.caId(), principal.getName());
		return ResponseEntity.created(location(outcome.device()))
			.body(DeviceJson.of(outcome.device(), outcome.warnings().isEmpty() ? null : outcome.warnings()));
	}

	@PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<DeviceJson> importDevice(@RequestPart(name = "cert", required = false) MultipartFile cert,
			@RequestPart(name = "key", required = false) MultipartFile key,
			@RequestParam(name = "name", required = false) String name, Principal principal) throws IOException {
		if (cert == null || cert.isEmpty()) {
			throw new InvalidDeviceRequestException("cert", "Send the certificate as the multipart part 'cert'");
		}
		byte[] keyBytes = (key != null && !key.isEmpty()) ? key.getBytes() : null;
		DeviceOutcome outcome = this.devices.importDevice(new ImportRequest(cert.getBytes(), keyBytes, name),
				principal.getName());
		return ResponseEntity.created(location(outcome.device()))
			.body(DeviceJson.of(outcome.device(), outcome.warnings()));
	}

	/**
	 * A device whose key stays on it: a certificate from a Keysmith CA for its CSR.
	 */
	@PostMapping(path = "/csr", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<DeviceJson> fromCsr(@RequestPart(name = "csr", required = false) MultipartFile csr,
			@RequestParam(name = "name", required = false) String name,
			@RequestParam(name = "caId", required = false) UUID caId,
			@RequestParam(name = "validityDays", required = false) Integer validityDays, Principal principal)
			throws IOException {
		if (csr == null || csr.isEmpty()) {
			throw new InvalidDeviceRequestException("csr", "Send the CSR (PEM or DER) as the multipart part 'csr'");
		}
		DeviceOutcome outcome = this.devices.createFromCsr(csr.getBytes(), name, validityDays, caId,
				principal.getName());
		return ResponseEntity.created(location(outcome.device()))
			.body(DeviceJson.of(outcome.device(), outcome.warnings().isEmpty() ? null : outcome.warnings()));
	}

	@GetMapping
	PageJson<DeviceJson> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			@RequestParam(name = "q", required = false) String query,
			@RequestParam(name = "expiresWithinDays", required = false) Integer expiresWithinDays,
			@RequestParam(name = "expiresAfterDays", required = false) Integer expiresAfterDays,
			@RequestParam(name = "serverId", required = false) UUID serverId,
			@RequestParam(name = "sort", required = false) String sort) {
		Page<Device> result = this.devices.list(
				new DeviceQuery(query, expiresWithinDays, expiresAfterDays, serverId, DeviceQuery.Order.parse(sort)),
				page, size);
		return new PageJson<>(result.map(DeviceJson::of).getContent(), result.getNumber(), result.getSize(),
				result.getTotalElements(), result.getTotalPages());
	}

	@GetMapping("/{id}")
	DeviceJson get(@PathVariable UUID id) {
		return DeviceJson.of(this.devices.get(id));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable UUID id, Principal principal) {
		this.devices.delete(id, principal.getName());
		return ResponseEntity.noContent().build();
	}

	/** The device's trail, newest first: after its deletion too. */
	@GetMapping("/{id}/audit")
	List<AuditJson> audit(@PathVariable UUID id) {
		List<DeviceAudit> trail = this.devices.auditTrail(id);
		if (trail.isEmpty()) {
			this.devices.get(id); // 404 for a device Keysmith never had
		}
		return trail.stream().map(AuditJson::of).toList();
	}

	/** The device's certificates over time, newest first. */
	@GetMapping("/{id}/certificates")
	List<CredentialJson> certificates(@PathVariable UUID id) {
		return this.devices.credentialHistory(id).stream().map(CredentialJson::of).toList();
	}

	/** One certificate of the device, whatever its state. */
	@GetMapping("/{id}/certificates/{certificateId}")
	CredentialJson certificate(@PathVariable UUID id, @PathVariable UUID certificateId) {
		return CredentialJson.of(this.credentials.get(id, certificateId));
	}

	@GetMapping("/{id}/certificates/{certificateId}/cert.pem")
	ResponseEntity<byte[]> certificatePem(@PathVariable UUID id, @PathVariable UUID certificateId) {
		return this.exports.certificatePem(id, certificateId).download();
	}

	@GetMapping("/{id}/certificates/{certificateId}/bundle.zip")
	ResponseEntity<byte[]> certificateBundle(@PathVariable UUID id, @PathVariable UUID certificateId,
			@RequestHeader(name = P12_PASSWORD_HEADER, required = false) String p12Password,
			@RequestHeader(name = KeyExportReason.HEADER, required = false) String reason, Principal principal) {
		return this.exports.bundle(id, certificateId, p12Password, principal.getName(), reason).download();
	}

	/**
	 * Destroys the private key of a certificate no longer in use; {@code confirm} must be
	 * the device's name.
	 */
	@PostMapping("/{id}/certificates/{certificateId}/key-destruction")
	Map<String, String> destroyKey(@PathVariable UUID id, @PathVariable UUID certificateId,
			@RequestBody(required = false) KeyDestructionRequest request, Principal principal) {
		String confirmation = (request != null) ? request.confirm() : null;
		return Map.of("detail", this.credentials.destroyKey(id, certificateId, confirmation, principal.getName()));
	}

	@GetMapping("/{id}/cert.pem")
	ResponseEntity<byte[]> certificate(@PathVariable UUID id) {
		return this.exports.certificatePem(id).download();
	}

	@GetMapping("/{id}/key.pem")
	ResponseEntity<byte[]> privateKey(@PathVariable UUID id,
			@RequestHeader(name = KeyExportReason.HEADER, required = false) String reason, Principal principal) {
		return this.exports.privateKeyPem(id, principal.getName(), reason).download();
	}

	@GetMapping("/{id}/bundle.zip")
	ResponseEntity<byte[]> bundle(@PathVariable UUID id,
			@RequestHeader(name = P12_PASSWORD_HEADER, required = false) String p12Password,
			@RequestHeader(name = KeyExportReason.HEADER, required = false) String reason, Principal principal) {
		return this.exports.bundle(id, p12Password, principal.getName(), reason).download();
	}

	private static URI location(Device device) {
		return URI.create("/api/devices/" + device.getId());
	}

	/**
	 * @param caId the Keysmith CA to issue the certificate from; {@code null} for a
	 * self-signed one
	 */
	record CreateDeviceRequest(String name, String keyType, Integer validityDays, UUID caId) {
	}

	/**
	 * @param confirm the device's name, typed to confirm what cannot be undone
	 */
	record KeyDestructionRequest(String confirm) {
	}

	record PageJson<T>(List<T> content, int page, int size, long totalElements, int totalPages) {
	}

	record AuditJson(String action, String actor, java.time.Instant at, String detail) {

		static AuditJson of(DeviceAudit audit) {
			return new AuditJson(audit.getAction().name(), audit.getActor(), audit.getAt(), audit.getDetail());
		}

	}

}

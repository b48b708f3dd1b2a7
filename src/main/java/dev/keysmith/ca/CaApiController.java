package dev.keysmith.ca;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.UUID;

import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.pki.KeyType;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Device CAs in the JSON API: make, import, read, download, retire. */
@RestController
@RequestMapping("/api/cas")
class CaApiController {

	private final CaService cas;

	CaApiController(CaService cas) {
		this.cas = cas;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<CaJson> create(@RequestBody CreateCaRequest request, Principal principal) {
		KeyType keyType = KeyType.parseGeneratable(request.keyType());
		DeviceCa ca = this.cas.create(request.name(), keyType, request.validityDays(), principal.getName());
		return ResponseEntity.created(URI.create("/api/cas/" + ca.getId())).body(CaJson.of(ca, 0));
	}

	@PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<CaJson> importCa(@RequestPart(name = "cert", required = false) MultipartFile cert,
			@RequestPart(name = "key", required = false) MultipartFile key,
			@RequestParam(name = "name", required = false) String name, Principal principal) throws IOException {
		if (cert == null || cert.isEmpty()) {
			throw new InvalidRequestException("cert", "Send the CA certificate as the multipart part 'cert'");
		}
		byte[] keyBytes = (key != null && !key.isEmpty()) ? key.getBytes() : null;
		DeviceCa ca = this.cas.importCa(cert.getBytes(), keyBytes, name, principal.getName());
		return ResponseEntity.created(URI.create("/api/cas/" + ca.getId())).body(CaJson.of(ca, 0));
	}

	@GetMapping
	List<CaJson> list() {
		return this.cas.list().stream().map((ca) -> CaJson.of(ca, this.cas.issuedCount(ca.getId()))).toList();
	}

	@GetMapping("/{id}")
	CaJson get(@PathVariable UUID id) {
		return CaJson.of(this.cas.get(id), this.cas.issuedCount(id));
	}

	@GetMapping("/{id}/cert.pem")
	ResponseEntity<byte[]> certificate(@PathVariable UUID id) {
		DeviceCa ca = this.cas.get(id);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/x-pem-file"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"ca.pem\"")
			.body(ca.getCertificatePem().getBytes(StandardCharsets.US_ASCII));
	}

	/** Retires the CA: it issues nothing more; its devices keep their certificates. */
	@DeleteMapping("/{id}")
	CaJson retire(@PathVariable UUID id, Principal principal) {
		return CaJson.of(this.cas.retire(id, principal.getName()), this.cas.issuedCount(id));
	}

	record CreateCaRequest(String name, String keyType, Integer validityDays) {
	}

}

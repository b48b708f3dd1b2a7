package dev.keysmith.batch;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.UUID;

import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.KeyExportReason;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.Pkcs12Codec;
import dev.keysmith.verify.Depth;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Batches in the JSON API: start (JSON or CSV), read, follow, steer. */
@RestController
class BatchApiController {

	static final String P12_PASSWORD_HEADER = "X-Keysmith-P12-Password";

	private final BatchCreation creation;

	private final BatchService batches;

	private final BatchDownloads downloads;

	BatchApiController(BatchCreation creation, BatchService batches, BatchDownloads downloads) {
		this.creation = creation;
		this.batches = batches;
		this.downloads = downloads;
	}

	@PostMapping(path = "/api/batches", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> create(@RequestBody BatchRequest request, @RequestParam(defaultValue = "false") boolean dryRun,
			@RequestParam(defaultValue = "false") boolean validRowsOnly, Principal principal) {
		return answer(request, null, dryRun, validRowsOnly, principal);
	}

	@PostMapping(path = "/api/batches", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<?> upload(@RequestPart(name = "file", required = false) MultipartFile file,
			@RequestParam(required = false) KeyType keyType, @RequestParam(required = false) Integer validityDays,
			@RequestParam(required = false) UUID serverId, @RequestParam(required = false) String deviceProfileId,
			@RequestParam(required = false) List<Stage> stages, @RequestParam(required = false) Depth verify,
			@RequestParam(required = false) OnExistingName onExistingName,
			@RequestParam(required = false) OnExistingThingsBoardDevice onExistingThingsBoardDevice,
			@RequestParam(required = false) Integer concurrency, @RequestParam(required = false) UUID caId,
			@RequestParam(defaultValue = "false") boolean dryRun,
			@RequestParam(defaultValue = "false") boolean validRowsOnly, Principal principal) throws IOException {
		if (file == null) {
			throw CsvRows.noFile();
		}
		BatchRequest request = new BatchRequest(null, null, null, null, keyType, validityDays, serverId,
				deviceProfileId, stages, verify, onExistingName, onExistingThingsBoardDevice, concurrency, null, null,
				null, caId, null);
		return answer(request, file.getBytes(), dryRun, validRowsOnly, principal);
	}

	private ResponseEntity<?> answer(BatchRequest request, byte[] csv, boolean dryRun, boolean validRowsOnly,
			Principal principal) {
		if (request == null) {
			throw new InvalidRequestException(null, "Send the batch as JSON, or a CSV as the multipart part 'file'");
		}
		if (dryRun) {
			return ResponseEntity.ok(this.creation.check(request, csv));
		}
		BatchView batch = this.creation.create(request, csv, validRowsOnly, principal.getName());
		return ResponseEntity.created(URI.create("/api/batches/" + batch.id())).body(batch);
	}

	@GetMapping("/api/batches")
	List<BatchView> list() {
		return this.batches.list();
	}

	@GetMapping("/api/batches/{id}")
	BatchView get(@PathVariable UUID id) {
		return this.batches.view(id);
	}

	@GetMapping("/api/batches/{id}/items")
	List<ItemView> items(@PathVariable UUID id, @RequestParam(required = false) ItemState state,
			@RequestParam(required = false) String cause, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "100") int size) {
		return this.batches.items(id, state, cause, page, size);
	}

	@GetMapping(path = "/api/batches/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable UUID id) {
		SseEmitter emitter = new SseEmitter(BatchStreams.STREAM_TIMEOUT.toMillis());
		this.batches.watch(id, BatchStreams.watcher(emitter));
		return emitter;
	}

	@PostMapping("/api/batches/{id}/pause")
	BatchView pause(@PathVariable UUID id, Principal principal) {
		return this.batches.pause(id, principal.getName());
	}

	@PostMapping("/api/batches/{id}/resume")
	BatchView resume(@PathVariable UUID id, Principal principal) {
		return this.batches.resume(id, principal.getName());
	}

	@PostMapping("/api/batches/{id}/cancel")
	BatchView cancel(@PathVariable UUID id, Principal principal) {
		return this.batches.cancel(id, principal.getName());
	}

	/**
	 * @param retryable {@code true} to retry only the failures worth retrying (timeouts,
	 * 5xx, 429)
	 */
	@PostMapping("/api/batches/{id}/retry")
	BatchView retry(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean retryable,
			Principal principal) {
		return this.batches.retry(id, retryable, principal.getName());
	}

	@GetMapping(path = "/api/batches/{id}/report.csv")
	ResponseEntity<StreamingResponseBody> report(@PathVariable UUID id) {
		this.batches.view(id);
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"batch-" + id + "-report.csv\"")
			.body((out) -> this.downloads.report(id, out));
	}

	/**
	 * @param p12Password a password for a device.p12 in every folder, in the same header
	 * as a single bundle's (never in the address, which logs keep)
	 */
	@GetMapping(path = "/api/batches/{id}/bundles.zip")
	ResponseEntity<StreamingResponseBody> bundles(@PathVariable UUID id,
			@RequestHeader(name = P12_PASSWORD_HEADER, required = false) String p12Password,
			@RequestHeader(name = KeyExportReason.HEADER, required = false) String reason, Principal principal) {
		this.batches.view(id);
		String password = (p12Password != null && !p12Password.isEmpty()) ? p12Password : null;
		if (password != null) {
			Pkcs12Codec.passwordProblem(password).ifPresent((problem) -> {
				throw new InvalidRequestException("p12Password", problem);
			});
		}
		String actor = principal.getName();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"batch-" + id + "-bundles.zip\"")
			.body((out) -> this.downloads.bundles(id, password, actor, reason, out));
	}

	@ExceptionHandler(BatchRefusedException.class)
	ResponseEntity<ProblemDetail> refused(BatchRefusedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Batch input refused");
		problem.setProperty("rows", ex.rows());
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}

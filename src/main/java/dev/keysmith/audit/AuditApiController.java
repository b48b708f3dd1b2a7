package dev.keysmith.audit;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log through the API: a filtered page, newest first, and the chain check. */
@RestController
@RequestMapping("/api/audit")
class AuditApiController {

	private final AuditLog audit;

	AuditApiController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping
	PageJson search(@RequestParam(name = "actor", required = false) String actor,
			@RequestParam(name = "action", required = false) String action,
			@RequestParam(name = "objectId", required = false) String objectId,
			@RequestParam(name = "from", required = false) String from,
			@RequestParam(name = "to", required = false) String to,
			@RequestParam(name = "page", defaultValue = "0") int page,
			@RequestParam(name = "size", defaultValue = "50") int size) {
		Page<AuditEvent> result = this.audit.search(AuditQuery.of(actor, action, objectId, from, to), page, size);
		return new PageJson(result.map(EntryJson::of).getContent(), result.getNumber(), result.getSize(),
				result.getTotalElements(), result.getTotalPages());
	}

	@GetMapping("/verification")
	AuditVerification.Result verification() {
		return this.audit.verify();
	}

	record PageJson(List<EntryJson> content, int page, int size, long totalElements, int totalPages) {
	}

	record EntryJson(long id, Instant at, String actor, String action, String objectType, String objectId,
			String objectName, String clientAddress, String detail, String hash) {

		static EntryJson of(AuditEvent event) {
			return new EntryJson(event.getId(), event.getOccurredAt(), event.getActor(), event.getAction(),
					event.getObjectType(), event.getObjectId(), event.getObjectName(), event.getClientAddress(),
					event.getDetail(), event.getEntryHash());
		}

	}

}

package dev.keysmith.audit;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.keysmith.common.CsvLine;
import dev.keysmith.common.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.data.domain.Page;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Audit page: the log filtered by actor, action, object and time, a page at a time,
 * newest first; the chain's status (loaded after the page, as it reads every entry); and
 * the same selection as CSV.
 */
@Controller
class AuditController {

	static final int PAGE_SIZE = 50;

	private static final int CSV_PAGE = AuditLog.MAX_READ;

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/audit")
	String page(@RequestParam(name = "actor", required = false) String actor,
			@RequestParam(name = "action", required = false) String action,
			@RequestParam(name = "objectId", required = false) String objectId,
			@RequestParam(name = "from", required = false) String from,
			@RequestParam(name = "to", required = false) String to,
			@RequestParam(name = "page", defaultValue = "0") int page, Model model) {
		model.addAttribute("filter", new Filter(actor, action, objectId, from, to));
		try {
			model.addAttribute("entries",
					this.audit.search(AuditQuery.of(actor, action, objectId, from, to), page, PAGE_SIZE));
		}
		catch (InvalidRequestException ex) {
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("entries", Page.empty());
		}
		return "audit/index";
	}

	@GetMapping("/audit/verification")
	String verification(Model model) {
		model.addAttribute("chain", this.audit.verify());
		return "audit/index :: chain";
	}

	@GetMapping("/audit.csv")
	void csv(@RequestParam(name = "actor", required = false) String actor,
			@RequestParam(name = "action", required = false) String action,
			@RequestParam(name = "objectId", required = false) String objectId,
			@RequestParam(name = "from", required = false) String from,
			@RequestParam(name = "to", required = false) String to, HttpServletResponse response) throws IOException {
		AuditQuery query;
		try {
			query = AuditQuery.of(actor, action, objectId, from, to);
		}
		catch (InvalidRequestException ex) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST, ex.getMessage());
			return;
		}
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"keysmith-audit.csv\"");
		Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		writer.write(CsvLine.of(List.of("id", "at", "actor", "action", "object_type", "object_id", "object_name",
				"client_address", "detail", "hash")));
		Page<AuditEvent> page = this.audit.search(query, 0, CSV_PAGE);
		while (page.hasContent()) {
			for (AuditEvent event : page) {
				writer.write(CsvLine.inert(List.of(event.getId().toString(), event.getOccurredAt().toString(),
						text(event.getActor()), text(event.getAction()), text(event.getObjectType()),
						text(event.getObjectId()), text(event.getObjectName()), text(event.getClientAddress()),
						text(event.getDetail()), text(event.getEntryHash()))));
			}
			if (!page.hasNext()) {
				break;
			}
			page = this.audit.search(query, page.getNumber() + 1, CSV_PAGE);
		}
		writer.flush();
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

	/** The filter as typed, to show it again. */
	record Filter(String actor, String action, String objectId, String from, String to) {
	}

}

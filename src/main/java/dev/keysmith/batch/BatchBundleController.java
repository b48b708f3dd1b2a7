package dev.keysmith.batch;

import java.io.IOException;
import java.security.Principal;
import java.util.UUID;

import dev.keysmith.common.KeyExportReason;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The batch page's bundles.zip: every device's bundle with its key, POSTed from the page
 * with the reason for the export (the key export policy checks it before this runs).
 */
@Controller
class BatchBundleController {

	private final BatchService batches;

	private final BatchDownloads downloads;

	BatchBundleController(BatchService batches, BatchDownloads downloads) {
		this.batches = batches;
		this.downloads = downloads;
	}

	@PostMapping("/batches/{id}/bundles.zip")
	void bundles(@PathVariable UUID id, @RequestParam(name = KeyExportReason.FIELD, required = false) String reason,
			Principal principal, HttpServletResponse response) throws IOException {
		this.batches.view(id);
		response.setContentType("application/zip");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"batch-" + id + "-bundles.zip\"");
		this.downloads.bundles(id, null, principal.getName(), reason, response.getOutputStream());
	}

}

package dev.keysmith.backup;

import java.io.IOException;
import java.security.Principal;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/backup}: a backup of the H2 database, streamed as a zip file.
 */
@RestController
class BackupApiController {

	private final BackupService backups;

	BackupApiController(BackupService backups) {
		this.backups = backups;
	}

	@PostMapping("/api/admin/backup")
	void backup(Principal principal, HttpServletResponse response) throws IOException {
		try (PreparedBackup backup = this.backups.create(principal.getName())) {
			backup.sendTo(response);
		}
	}

}

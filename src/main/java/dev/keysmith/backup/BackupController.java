package dev.keysmith.backup;

import java.io.IOException;
import java.security.Principal;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Backup page: what a backup holds, the latest ones, the restore command, and the
 * download.
 */
@Controller
class BackupController {

	private static final String VIEW = "backup/index";

	private final BackupService backups;

	BackupController(BackupService backups) {
		this.backups = backups;
	}

	@GetMapping("/backup")
	String page(Model model) {
		model.addAttribute("available", this.backups.isAvailable());
		model.addAttribute("postgresMessage", BackupService.POSTGRES);
		model.addAttribute("backups", this.backups.recent());
		return VIEW;
	}

	/** The download itself; on PostgreSQL, back to the page with what to do instead. */
	@PostMapping("/backup")
	String download(Principal principal, HttpServletResponse response, RedirectAttributes redirect) throws IOException {
		if (!this.backups.isAvailable()) {
			redirect.addFlashAttribute("error", BackupService.POSTGRES);
			return "redirect:/backup";
		}
		try (PreparedBackup backup = this.backups.create(principal.getName())) {
			backup.sendTo(response);
		}
		return null;
	}

}

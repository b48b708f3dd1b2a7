package dev.keysmith.preflight;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Runs the pre-flight check from the server page: a fragment for htmx, a page otherwise.
 */
@Controller
class ServerCheckController {

	private static final String VIEW_CHECK = "preflight/check";

	private static final String FRAGMENT_FINDINGS = "preflight/check :: findings";

	private final ServerCheckService checks;

	ServerCheckController(ServerCheckService checks) {
		this.checks = checks;
	}

	@PostMapping(path = "/servers/{id}/check", headers = "HX-Request")
	String checkFragment(@PathVariable UUID id, Model model) {
		model.addAttribute("findings", this.checks.check(id));
		return FRAGMENT_FINDINGS;
	}

	@PostMapping("/servers/{id}/check")
	String check(@PathVariable UUID id, Model model) {
		List<Finding> findings = this.checks.check(id);
		model.addAttribute("findings", findings);
		model.addAttribute("serverId", id);
		return VIEW_CHECK;
	}

}

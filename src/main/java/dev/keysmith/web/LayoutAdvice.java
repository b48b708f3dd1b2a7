package dev.keysmith.web;

import java.security.Principal;

import dev.keysmith.common.Uploads;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page may show: who is logged in, and the upload limit. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

	@ModelAttribute("currentUser")
	String currentUser(Principal principal) {
		return (principal != null) ? principal.getName() : null;
	}

	@ModelAttribute("maxUpload")
	String maxUpload() {
		return Uploads.describe();
	}

}

package dev.keysmith.web;

import java.security.Principal;
import java.util.Set;
import java.util.stream.Collectors;

import dev.keysmith.account.Role;
import dev.keysmith.common.Uploads;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page may show: who is logged in and their roles, and the upload limit. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

	@ModelAttribute("currentUser")
	String currentUser(Principal principal) {
		return (principal != null) ? principal.getName() : null;
	}

	/** The roles of who is signed in, by name, for what a page offers. */
	@ModelAttribute("myRoles")
	Set<String> roles(Authentication authentication) {
		if (authentication == null) {
			return Set.of();
		}
		return Role.held(authentication.getAuthorities())
			.stream()
			.map(Role::name)
			.collect(Collectors.toUnmodifiableSet());
	}

	@ModelAttribute("maxUpload")
	String maxUpload() {
		return Uploads.describe();
	}

}

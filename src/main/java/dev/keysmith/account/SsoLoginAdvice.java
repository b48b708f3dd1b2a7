package dev.keysmith.account;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The name on the login page's single sign-on button, when single sign-on is set up. */
@ControllerAdvice
class SsoLoginAdvice {

	private final SingleSignOn singleSignOn;

	SsoLoginAdvice(SingleSignOn singleSignOn) {
		this.singleSignOn = singleSignOn;
	}

	@ModelAttribute("singleSignOnName")
	String singleSignOnName() {
		return this.singleSignOn.isEnabled() ? this.singleSignOn.displayName() : null;
	}

}

package dev.keysmith.web;

import dev.keysmith.audit.AuditLog;
import dev.keysmith.audit.AuditObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Signing in and out in the audit log, with the client's address: each sign-in through
 * the login form, each failed one (form or HTTP Basic), each sign-out. An API request
 * that signs in with HTTP Basic is not a line of its own, or the log would hold one per
 * request. The password is never recorded.
 */
@Component
class SignInAudit {

	static final String LOGIN = "LOGIN";

	static final String LOGIN_FAILED = "LOGIN_FAILED";

	static final String LOGOUT = "LOGOUT";

	private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);

	private final AuditLog audit;

	SignInAudit(AuditLog audit) {
		this.audit = audit;
	}

	@EventListener
	void signedIn(InteractiveAuthenticationSuccessEvent event) {
		record(event.getAuthentication().getName(), LOGIN, "login form");
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		Authentication attempt = event.getAuthentication();
		String name = (attempt != null && attempt.getName() != null && !attempt.getName().isBlank()) ? attempt.getName()
				: "(no username)";
		record(name, LOGIN_FAILED, via() + ": " + event.getException().getMessage());
	}

	@EventListener
	void signedOut(LogoutSuccessEvent event) {
		record(event.getAuthentication().getName(), LOGOUT, null);
	}

	private void record(String account, String action, String detail) {
		try {
			this.audit.record(account, action, new AuditObject("account", account, null), detail);
		}
		catch (RuntimeException ex) {
			// signing in goes on: the storage failure explains itself elsewhere
			log.error("Could not record {} of '{}' in the audit log: {}", action, LogText.printable(account),
					ex.getMessage());
		}
	}

	private static String via() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
			String path = request.getRequest().getRequestURI();
			return (path != null && path.startsWith(request.getRequest().getContextPath() + "/login")) ? "login form"
					: "HTTP Basic";
		}
		return "HTTP Basic";
	}

}

package dev.keysmith.web;

import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.keysmith.account.AccountService;
import dev.keysmith.account.AccountUserDetailsService;
import dev.keysmith.account.SecondFactors;
import dev.keysmith.account.UserAccountRepository;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of a password sign-in for an account with the second factor on: the
 * password was right (the login form left the account's name in the session, not signed
 * in), and the code of the authenticator app or a recovery code signs the session in.
 * Wrong codes count in the login throttle as wrong passwords do, and the password alone
 * does not clear that count. Once signed in, it goes on as a sign-in with a password
 * alone does.
 */
@Controller
class SecondFactorLoginController {

	static final String PATH = "/login/totp";

	private static final String PENDING = SecondFactorLoginController.class.getName() + ".pending";

	private static final Duration PENDING_FOR = Duration.ofMinutes(5);

	private final SecondFactors secondFactors;

	private final AccountUserDetailsService accounts;

	private final LoginThrottle throttle;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private final LoginSuccessHandler afterSignIn;

	SecondFactorLoginController(SecondFactors secondFactors, UserAccountRepository accounts,
			AccountService accountService, LoginThrottle throttle, ApplicationEventPublisher events, Clock clock) {
		this.afterSignIn = new LoginSuccessHandler(accountService, clock);
		this.secondFactors = secondFactors;
		this.accounts = new AccountUserDetailsService(accounts);
		this.throttle = throttle;
		this.events = events;
		this.clock = clock;
	}

	/** The login form's password was right for an account that needs a code too. */
	static void begin(HttpServletRequest request, String username, Instant now) {
		request.getSession(true).setAttribute(PENDING, new Pending(username, now));
	}

	@GetMapping(PATH)
	String form() {
		return "login-code";
	}

	@PostMapping(PATH)
	String code(@RequestParam(name = "code", required = false) String code, HttpServletRequest request,
			HttpServletResponse response, Model model) throws IOException, ServletException {
		HttpSession session = request.getSession(false);
		Instant now = this.clock.instant();
		if (session == null || !(session.getAttribute(PENDING) instanceof Pending pending)
				|| pending.since().plus(PENDING_FOR).isBefore(now)) {
			return "redirect:/login?expired";
		}
		String address = request.getRemoteAddr();
		var refusal = this.throttle.refusal(pending.username(), address);
		if (refusal.isPresent()) {
			session.removeAttribute(PENDING);
			return "redirect:/login?throttled=" + refusal.get().retryAfterSeconds();
		}
		if (this.secondFactors.check(pending.username(), code) == SecondFactors.Check.WRONG) {
			Duration refused = this.throttle.failed(pending.username(), address);
			if (!refused.isZero()) {
				session.removeAttribute(PENDING);
				return "redirect:/login?throttled=" + Math.max(1, refused.toSeconds());
			}
			model.addAttribute("codeError", "Wrong code, or a code used already: enter the code your "
					+ "authenticator app shows now, or one of your recovery codes");
			return "login-code";
		}
		this.throttle.succeeded(pending.username(), address);
		UserDetails user;
		try {
			user = this.accounts.loadUserByUsername(pending.username());
		}
		catch (UsernameNotFoundException ex) {
			user = null;
		}
		session.removeAttribute(PENDING);
		if (user == null || !user.isEnabled()) {
			return "redirect:/login?error";
		}
		signIn(request, response, user);
		return null;
	}

	/**
	 * Signs the session in, then goes on as after a password alone (one home for that).
	 */
	private void signIn(HttpServletRequest request, HttpServletResponse response, UserDetails user)
			throws IOException, ServletException {
		UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(user,
				null, user.getAuthorities());
		authentication.setDetails(new WebAuthenticationDetails(request));
		request.changeSessionId();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
		// interactive, as a form sign-in: the audit log records it with the address
		this.events.publishEvent(new InteractiveAuthenticationSuccessEvent(authentication, getClass()));
		this.afterSignIn.onAuthenticationSuccess(request, response, authentication);
	}

	private record Pending(String username, Instant since) implements Serializable {
	}

}

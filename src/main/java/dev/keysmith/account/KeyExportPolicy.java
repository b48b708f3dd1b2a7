package dev.keysmith.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import dev.keysmith.common.KeyExportReason;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * What a private key export takes beyond the {@code CUSTODIAN} role (which the route
 * rules check): a stated reason, a recent proof of identity, and room in the account's
 * hourly allowance. An API request proves its identity with every request (HTTP Basic
 * with the password, or a token holding the custodian scope); a browser session must have
 * signed in, or confirmed its password, within
 * {@code keysmith.security.key-exports.reauthenticate-within}.
 */
@Component
public class KeyExportPolicy {

	private final KeyExportLimiter limiter;

	private final Duration window;

	private final Clock clock;

	private final SecondFactors secondFactors;

	private final UserAccountRepository accounts;

	KeyExportPolicy(KeyExportLimiter limiter, AccountProperties properties, SecondFactors secondFactors,
			UserAccountRepository accounts, Clock clock) {
		this.limiter = limiter;
		this.secondFactors = secondFactors;
		this.accounts = accounts;
		this.window = properties.keyExports().reauthenticateWithin();
		this.clock = clock;
	}

	/**
	 * Checks one export, counting it when it may go ahead.
	 * @param fromSession whether the request comes from a browser session (else from the
	 * API, authenticated by this very request)
	 * @return why the export may not go ahead, or empty
	 */
	public Optional<Refusal> check(HttpServletRequest request, String username, boolean fromSession) {
		String given = fromSession ? request.getParameter(KeyExportReason.FIELD)
				: request.getHeader(KeyExportReason.HEADER);
		if (KeyExportReason.of(given).isEmpty()) {
			return Optional.of(new Refusal(Refusal.Kind.NO_REASON,
					fromSession ? "State why the private key is exported: the reason goes into the audit log"
							: "A private key export states its reason in the header " + KeyExportReason.HEADER
									+ ": it goes into the audit log",
					Duration.ZERO));
		}
		if (this.secondFactors.requiredOf(username)
				&& !this.accounts.findById(username).map(UserAccount::isSingleSignOn).orElse(false)) {
			// by the API too: a password or a token must not carry a custodian past the
			// second factor it has to have
			return Optional.of(new Refusal(Refusal.Kind.NO_SECOND_FACTOR,
					"Custodians must sign in with a second factor here: enrol one on your account page "
							+ "(/account/totp) before exporting private keys",
					Duration.ZERO));
		}
		if (fromSession && !StepUp.recent(request, this.clock.instant(), this.window)) {
			return Optional.of(new Refusal(Refusal.Kind.NOT_RECENT,
					"Confirm your password first: a private key leaves Keysmith only within " + minutes(this.window)
							+ " of signing in or confirming it",
					Duration.ZERO));
		}
		Duration wait = this.limiter.tryExport(username);
		if (!wait.isZero()) {
			return Optional.of(new Refusal(Refusal.Kind.TOO_MANY, "This account has exported " + this.limiter.perHour()
					+ " private keys in the last hour, as many as allowed; the next is possible in " + minutes(wait),
					wait));
		}
		return Optional.empty();
	}

	/** How recent a browser session's proof of identity must be. */
	public Duration window() {
		return this.window;
	}

	private static String minutes(Duration duration) {
		long minutes = Math.max(1, (duration.toSeconds() + 59) / 60);
		return minutes + ((minutes == 1) ? " minute" : " minutes");
	}

	/**
	 * Why an export was refused.
	 *
	 * @param kind which rule refused it
	 * @param message what the operator reads
	 * @param retryAfter for {@link Kind#TOO_MANY}, how long until the next is possible
	 */
	public record Refusal(Kind kind, String message, Duration retryAfter) {

		public enum Kind {

			NO_REASON, NOT_RECENT, TOO_MANY, NO_SECOND_FACTOR

		}

	}

}

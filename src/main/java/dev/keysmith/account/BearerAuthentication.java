package dev.keysmith.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs API requests in with a personal API token, {@code Authorization: Bearer ks_…}.
 * The request may use the token's roles that its account still holds. An unknown, expired
 * or revoked token, or one whose account is disabled, is refused with a
 * {@link ApiTokenRefusedException} saying which. The moment of use is noted at most once
 * a minute per token, so that a busy script does not write on every request.
 */
@Component
public class BearerAuthentication {

	static final Duration USE_NOTED_EVERY = Duration.ofMinutes(1);

	private static final Logger log = LoggerFactory.getLogger(BearerAuthentication.class);

	private static final String BEARER = "bearer ";

	private final ApiTokenRepository tokens;

	private final UserAccountRepository accounts;

	private final TransactionTemplate transactions;

	private final Clock clock;

	BearerAuthentication(ApiTokenRepository tokens, UserAccountRepository accounts,
			PlatformTransactionManager transactions, Clock clock) {
		this.tokens = tokens;
		this.accounts = accounts;
		this.transactions = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	/**
	 * A filter that signs in requests carrying a bearer token and leaves every other
	 * request alone; a refused token is answered by {@code refused}.
	 */
	public Filter filter(AuthenticationEntryPoint refused) {
		AuthenticationFilter filter = new AuthenticationFilter(new ProviderManager(new Provider()),
				BearerAuthentication::bearer);
		AuthenticationEntryPointFailureHandler failure = new AuthenticationEntryPointFailureHandler(refused);
		// a lookup that failed is answered too (503), not thrown on as a 500
		failure.setRethrowAuthenticationServiceException(false);
		filter.setFailureHandler(failure);
		// signed in for this request only; the request goes on
		filter.setSuccessHandler((request, response, authentication) -> {
		});
		return filter;
	}

	private static Authentication bearer(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
			return null;
		}
		return ApiTokenAuthentication.unchecked(header.substring(BEARER.length()).strip());
	}

	/** The account and roles of a token, or a refusal saying why not. */
	ApiTokenAuthentication check(String token) {
		ApiToken stored = TokenSecrets.idOf(token)
			.flatMap(this.tokens::findById)
			.filter((candidate) -> TokenSecrets.matches(token, candidate.getTokenHash()))
			.orElseThrow(() -> refused(null, "The API token is not known: check that it was copied whole"));
		Instant now = this.clock.instant();
		if (stored.getRevokedAt() != null) {
			throw refused(stored, "The API token has been revoked");
		}
		if (stored.isExpiredAt(now)) {
			throw refused(stored, "The API token has expired (at %s): make a new one".formatted(stored.getExpiresAt()));
		}
		UserAccount account = this.accounts.findById(stored.getUsername())
			.orElseThrow(() -> refused(stored, "The API token's account no longer exists"));
		if (!account.isEnabled()) {
			throw refused(stored, "The API token's account is disabled");
		}
		Set<Role> roles = EnumSet.noneOf(Role.class);
		roles.addAll(stored.getRoles());
		roles.retainAll(account.getRoles());
		if (roles.isEmpty()) {
			throw refused(stored, "The API token's account no longer holds any of the token's roles");
		}
		if (stored.getLastUsedAt() == null || stored.getLastUsedAt().isBefore(now.minus(USE_NOTED_EVERY))) {
			this.transactions
				.executeWithoutResult((status) -> this.tokens.noteUse(stored.getId(), now, now.minus(USE_NOTED_EVERY)));
		}
		return ApiTokenAuthentication.checked(account.getUsername(), stored.getId(), roles);
	}

	/**
	 * The check as Spring Security calls it; not a bean, so that the password check stays
	 * the application's only provider.
	 */
	private final class Provider implements AuthenticationProvider {

		@Override
		public Authentication authenticate(Authentication authentication) {
			try {
				return check(((ApiTokenAuthentication) authentication).getToken());
			}
			catch (DataAccessException | TransactionException ex) {
				// the token may well be right: answered 503 as for a password
				throw new InternalAuthenticationServiceException("The API token could not be looked up", ex);
			}
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return ApiTokenAuthentication.class.isAssignableFrom(authentication);
		}

	}

	private static ApiTokenRefusedException refused(ApiToken token, String reason) {
		if (token != null) {
			log.warn("Refused API token {} of '{}': {}", token.getId(), token.getUsername(), reason);
		}
		else {
			log.warn("Refused an API token: {}", reason);
		}
		return new ApiTokenRefusedException(reason);
	}

}

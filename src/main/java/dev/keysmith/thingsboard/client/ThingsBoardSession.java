package dev.keysmith.thingsboard.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import dev.keysmith.thingsboard.client.dto.TbTokens;

import org.springframework.http.MediaType;

/**
 * Who Keysmith is to one ThingsBoard server: an API key, or a tenant administrator's JWT,
 * obtained by logging in, refreshed when it expires, obtained again when the refresh
 * fails. A two-factor account is refused with the advice to use an API key. One sign-in
 * at a time: callers that need a token meanwhile wait for that sign-in, each only until
 * its own deadline, and no lock is held while it runs.
 */
final class ThingsBoardSession {

	private final ThingsBoardClient.Credentials credentials;

	private final Retrying retrying;

	private final String serverName;

	private volatile TbTokens tokens;

	private final AtomicReference<CompletableFuture<TbTokens>> signingIn = new AtomicReference<>();

	ThingsBoardSession(ThingsBoardClient.Credentials credentials, Retrying retrying, String serverName) {
		this.credentials = credentials;
		this.retrying = retrying;
		this.serverName = serverName;
	}

	boolean usesApiKey() {
		return this.credentials.apiKey() != null;
	}

	/** The {@code X-Authorization} value; signs in first when there is no token yet. */
	String authorization(Deadline deadline) {
		if (usesApiKey()) {
			return "ApiKey " + this.credentials.apiKey();
		}
		TbTokens current = this.tokens;
		return bearer((current != null) ? current : shared(deadline, false));
	}

	/** Signs in now, whatever token there is. */
	void signIn(Deadline deadline) {
		shared(deadline, false);
	}

	/**
	 * After errorCode 11 on {@code expired}: a refreshed token, or a new login when the
	 * refresh is refused. A caller whose token was renewed meanwhile gets the new one.
	 */
	String renew(Deadline deadline, String expired) {
		TbTokens current = this.tokens;
		if (current != null && !bearer(current).equals(expired)) {
			return bearer(current);
		}
		return bearer(shared(deadline, true));
	}

	private static String bearer(TbTokens tokens) {
		return "Bearer " + tokens.token();
	}

	/** Runs one sign-in, or waits for the one that runs. */
	private TbTokens shared(Deadline deadline, boolean refreshFirst) {
		CompletableFuture<TbTokens> mine = new CompletableFuture<>();
		CompletableFuture<TbTokens> running = this.signingIn.compareAndExchange(null, mine);
		if (running != null) {
			return await(running, deadline);
		}
		try {
			TbTokens obtained = refreshFirst ? refresh(deadline) : login(deadline);
			this.tokens = obtained;
			mine.complete(obtained);
			return obtained;
		}
		catch (RuntimeException ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.signingIn.compareAndSet(mine, null);
		}
	}

	private TbTokens await(CompletableFuture<TbTokens> running, Deadline deadline) {
		try {
			return running.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw this.retrying.outOfTime(deadline);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new ThingsBoardException("Signing in to ThingsBoard (" + this.serverName + ") failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ThingsBoardException("Interrupted while signing in to ThingsBoard (" + this.serverName + ")", ex);
		}
	}

	private TbTokens login(Deadline deadline) {
		TbTokens result;
		try {
			result = this.retrying.call(Retrying.Kind.SIGN_IN, deadline,
					(rest) -> rest.post()
						.uri("/api/auth/login")
						.contentType(MediaType.APPLICATION_JSON)
						.body(Map.of("username", this.credentials.username(), "password", this.credentials.password()))
						.retrieve()
						.body(TbTokens.class));
		}
		catch (ThingsBoardException ex) {
			if (ex.getHttpStatus() == 401) {
				throw new ThingsBoardException(401, ex.getErrorCode(), ex.getServerMessage(),
						"ThingsBoard (" + this.serverName + ") refused the login of '" + this.credentials.username()
								+ "': invalid username or password");
			}
			throw ex;
		}
		if (result == null || result.token() == null) {
			throw new ThingsBoardException(200, null, null,
					"ThingsBoard (" + this.serverName + ") answered the login without a token");
		}
		if (result.isTwoFactorPending()) {
			throw new ThingsBoardException(200, null, null,
					"The account '" + this.credentials.username() + "' on " + this.serverName
							+ " uses two-factor authentication, which Keysmith cannot complete. Create an "
							+ "API key for it in ThingsBoard (4.3 and later) and use that instead.");
		}
		return result;
	}

	private TbTokens refresh(Deadline deadline) {
		TbTokens current = this.tokens;
		if (current != null && current.refreshToken() != null) {
			try {
				TbTokens renewed = this.retrying.call(Retrying.Kind.SIGN_IN, deadline,
						(rest) -> rest.post()
							.uri("/api/auth/token")
							.contentType(MediaType.APPLICATION_JSON)
							.body(Map.of("refreshToken", current.refreshToken()))
							.retrieve()
							.body(TbTokens.class));
				if (renewed != null && renewed.token() != null) {
					return renewed;
				}
			}
			catch (ThingsBoardException ex) {
				if (ex.getHttpStatus() == 0) {
					throw ex;
				}
				// the refresh token expired too: log in again below
			}
		}
		return login(deadline);
	}

}

package dev.keysmith.thingsboard;

import java.util.Map;

import dev.keysmith.thingsboard.dto.TbTokens;

import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Who Keysmith is to one ThingsBoard server: an API key, or a tenant administrator's JWT,
 * obtained by logging in, refreshed when it expires, obtained again when the refresh fails.
 * A two-factor account is refused with the advice to use an API key.
 */
final class ThingsBoardSession {

	private final RestClient rest;

	private final ThingsBoardClient.Credentials credentials;

	private final Retrying retrying;

	private final String serverName;

	private volatile TbTokens tokens;

	ThingsBoardSession(RestClient rest, ThingsBoardClient.Credentials credentials, Retrying retrying, String serverName) {
		this.rest = rest;
		this.credentials = credentials;
		this.retrying = retrying;
		this.serverName = serverName;
	}

	boolean usesApiKey() {
		return this.credentials.apiKey() != null;
	}

	/** Logs in now, whatever token there is. */
	void logIn() {
		this.tokens = login();
	}

	/** After errorCode 11: a refreshed token, or a new login when the refresh is refused. */
	void renew() {
		this.tokens = refresh();
	}

	String authorization() {
		if (this.credentials.apiKey() != null) {
			return "ApiKey " + this.credentials.apiKey();
		}
		TbTokens current = this.tokens;
		if (current == null) {
			synchronized (this) {
				if (this.tokens == null) {
					this.tokens = login();
				}
				current = this.tokens;
			}
		}
		return "Bearer " + current.token();
	}

	private TbTokens login() {
		TbTokens result;
		try {
			result = this.retrying.call(false, () -> this.rest.post()
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
			throw new ThingsBoardException(200, null, null, "The account '" + this.credentials.username() + "' on "
					+ this.serverName + " uses two-factor authentication, which Keysmith cannot complete. Create an "
					+ "API key for it in ThingsBoard (4.3 and later) and use that instead.");
		}
		return result;
	}

	private TbTokens refresh() {
		TbTokens current = this.tokens;
		if (current != null && current.refreshToken() != null) {
			try {
				TbTokens renewed = this.rest.post()
					.uri("/api/auth/token")
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("refreshToken", current.refreshToken()))
					.retrieve()
					.body(TbTokens.class);
				if (renewed != null && renewed.token() != null) {
					return renewed;
				}
			}
			catch (ThingsBoardException | ResourceAccessException ex) {
				// the refresh token expired too: log in again below
			}
		}
		return login();
	}

}

package dev.keysmith.testkit;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call the double's REST side: the accounts, the access and refresh tokens it
 * issued (with their lifetimes), and the API keys (4.3 only). Answers sign-in and
 * refresh, and checks the {@code X-Authorization} header of every other call as
 * ThingsBoard does.
 */
final class RestAuth {

	private final Clock clock;

	private final boolean version39;

	private final JsonMapper json = JsonMapper.builder().build();

	private final SecureRandom random = new SecureRandom();

	final Map<String, String> users = new ConcurrentHashMap<>();

	final Map<String, String> twoFactorUsers = new ConcurrentHashMap<>();

	final List<String> apiKeys = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();

	private final Map<String, Instant> refreshTokens = new ConcurrentHashMap<>();

	/** ThingsBoard's default access token lifetime (9,000 s). */
	static final Duration TOKEN_LIFETIME = Duration.ofHours(2).plusMinutes(30);

	volatile Duration tokenLifetime = TOKEN_LIFETIME;

	volatile Duration refreshTokenLifetime = Duration.ofDays(7);

	RestAuth(Clock clock, boolean version39) {
		this.clock = clock;
		this.version39 = version39;
	}

	void expireAllTokens() {
		this.accessTokens.replaceAll((token, expiry) -> this.clock.instant().minusSeconds(1));
	}

	void expireAllRefreshTokens() {
		this.refreshTokens.replaceAll((token, expiry) -> this.clock.instant().minusSeconds(1));
	}

	/** {@code POST /api/auth/login}. */
	void login(RestCall call) throws IOException {
		JsonNode request = this.json.readTree(call.body);
		String username = request.path("username").asString();
		String password = request.path("password").asString();
		if (password != null && password.equals(this.twoFactorUsers.get(username))) {
			call.fixture("pre-verification-token.json",
					Map.of("token", newToken(this.accessTokens, Duration.ofMinutes(5))));
			return;
		}
		if (password == null || !password.equals(this.users.get(username))) {
			call.error(401, 10, "Invalid username or password");
			return;
		}
		sendTokens(call);
	}

	/** {@code POST /api/auth/token}. */
	void refresh(RestCall call) throws IOException {
		String refreshToken = this.json.readTree(call.body).path("refreshToken").asString();
		Instant expiry = (refreshToken != null) ? this.refreshTokens.get(refreshToken) : null;
		if (expiry == null) {
			call.error(401, 10, "Authentication failed");
		}
		else if (expiry.isBefore(this.clock.instant())) {
			call.error(401, 11, "Token has expired");
		}
		else {
			sendTokens(call);
		}
	}

	/**
	 * Whether the call may go on; if not, it has been answered 401 as ThingsBoard
	 * answers.
	 */
	boolean authenticated(RestCall call) throws IOException {
		String header = call.header("X-Authorization");
		if (header != null && header.startsWith("ApiKey ") && this.apiKeys.contains(header.substring(7))
				&& !this.version39) {
			return true;
		}
		if (header != null && header.startsWith("Bearer ")) {
			Instant expiry = this.accessTokens.get(header.substring(7));
			if (expiry != null && expiry.isAfter(this.clock.instant())) {
				return true;
			}
			if (expiry != null) {
				call.error(401, 11, "Token has expired");
				return false;
			}
		}
		if (header != null && this.version39) {
			// as measured: an API key is taken for a bad token
			call.error(401, 10, "Invalid username or password");
			return false;
		}
		call.error(401, 10, "Authentication failed");
		return false;
	}

	private void sendTokens(RestCall call) throws IOException {
		String token = newToken(this.accessTokens, this.tokenLifetime);
		String refresh = newToken(this.refreshTokens, this.refreshTokenLifetime);
		// as recorded: the sign-in answer (written by the same handler as the refresh)
		// says ISO-8859-1
		call.send(200, RestCall.ISO_JSON,
				JsonFixture.render("tokens.json", Map.of("token", token, "refreshToken", refresh)));
	}

	private String newToken(Map<String, Instant> tokens, Duration lifetime) {
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		String token = "eyJ" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		tokens.put(token, this.clock.instant().plus(lifetime));
		return token;
	}

}

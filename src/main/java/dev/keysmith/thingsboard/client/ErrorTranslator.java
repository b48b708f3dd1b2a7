package dev.keysmith.thingsboard.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.ClientHttpResponse;

/**
 * Turns ThingsBoard's error answers
 * ({@code {"status","message","errorCode","timestamp"}}) into
 * {@link ThingsBoardException}s with a message an operator understands.
 */
final class ErrorTranslator {

	private final JsonMapper json;

	private final String serverName;

	ErrorTranslator(JsonMapper json, String serverName) {
		this.json = json;
		this.serverName = serverName;
	}

	ThingsBoardException translate(ClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
		Integer errorCode = null;
		String message = null;
		try {
			JsonNode node = this.json.readTree(body);
			if (node != null && node.isObject()) {
				errorCode = node.path("errorCode").isNumber() ? node.path("errorCode").asInt() : null;
				message = node.path("message").isString() ? node.path("message").asString() : null;
			}
		}
		catch (RuntimeException ex) {
			// not ThingsBoard's JSON: a proxy or a load balancer answered
		}
		return new ThingsBoardException(status, errorCode, message, explain(status, errorCode, message));
	}

	private String explain(int status, Integer errorCode, String message) {
		String server = "ThingsBoard (" + this.serverName + ")";
		String said = (message != null) ? ": " + message : " without its error details (a proxy in between?)";
		if (ThingsBoardException.isCredentialsTaken(status, message)) {
			return "This certificate is already the credentials of another device on " + this.serverName;
		}
		return switch (status) {
			case 400 -> server + " refused the request" + said;
			case 401 -> (Integer.valueOf(ThingsBoardException.JWT_EXPIRED).equals(errorCode))
					? server + " says the session has expired" : server + " refused the credentials" + said;
			case 403 ->
				server + " refused: the account may not do this" + said + ". Keysmith needs a tenant administrator.";
			case 404 -> server + " found no such item" + said;
			case 409 ->
				server + " refused a conflicting change" + said + ". Someone changed it at the same time: try again.";
			case 429 -> server + " is rate-limiting Keysmith (HTTP 429): try again in a moment";
			default -> (status >= 500) ? server + " failed with HTTP " + status + said
					: server + " answered HTTP " + status + said;
		};
	}

}

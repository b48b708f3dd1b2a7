package dev.keysmith.thingsboard;

import java.net.URI;
import java.util.Locale;

import dev.keysmith.common.InvalidRequestException;

/**
 * A stored password or API key goes only to the address it was given for: when an update
 * moves a server to another scheme, host or port, the secret must be entered again.
 */
final class StoredSecrets {

	private StoredSecrets() {
	}

	/**
	 * Refuses an update that would keep the stored secret while the URL's scheme, host or
	 * port changes; names the secret to enter again.
	 */
	static void requireAgainForNewAddress(ThingsBoardServer server, URI url, ServerSettings settings) {
		if (server.getBaseUrl() == null || ServerSettings.present(settings.password())
				|| ServerSettings.present(settings.apiKey())) {
			return;
		}
		URI stored = URI.create(server.getBaseUrl());
		if (sameAddress(stored, url)) {
			return;
		}
		boolean apiKey = server.getAuthType() == ThingsBoardServer.AuthType.API_KEY
				&& !ServerSettings.present(settings.username());
		throw new InvalidRequestException(apiKey ? "apiKey" : "password",
				"The URL changed from " + server.getBaseUrl() + " to " + url + ": enter the "
						+ (apiKey ? "API key" : "password")
						+ " again (Keysmith does not send a stored secret to a new address)");
	}

	private static boolean sameAddress(URI a, URI b) {
		return scheme(a).equals(scheme(b)) && host(a).equals(host(b)) && port(a) == port(b);
	}

	private static String scheme(URI uri) {
		return uri.getScheme().toLowerCase(Locale.ROOT);
	}

	private static String host(URI uri) {
		return uri.getHost().toLowerCase(Locale.ROOT);
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return scheme(uri).equals("https") ? 443 : 80;
	}

}

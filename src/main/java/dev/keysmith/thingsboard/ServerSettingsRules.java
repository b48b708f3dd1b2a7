package dev.keysmith.thingsboard;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.PrintableText;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.vault.KeyVault;

/**
 * The rules a server's settings must meet, and how they are written into a
 * {@link ThingsBoardServer}: the URL and CoAP address, the DTLS datagram limit, the
 * credentials (sealed at once), host-name checking and pinning, and a pasted server CA
 * kept for confirmation. Every refusal names the field it is about.
 */
final class ServerSettingsRules {

	private final KeyVault vault;

	ServerSettingsRules(KeyVault vault) {
		this.vault = vault;
	}

	void apply(ThingsBoardServer server, ServerSettings settings, boolean secretRequired) {
		URI url = checkUrl(settings.url());
		String coapHost = HostNames.check("coapHost", "CoAP host",
				ServerSettings.present(settings.coapHost()) ? settings.coapHost().strip() : url.getHost());
		int coapPort = (settings.coapPort() != null) ? settings.coapPort() : ThingsBoardServer.DEFAULT_COAP_PORT;
		if (coapPort < 1 || coapPort > 65535) {
			throw new InvalidRequestException("coapPort", "The CoAP port must be between 1 and 65535, not " + coapPort);
		}
		StoredSecrets.requireAgainForNewAddress(server, url, settings);
		server.connectTo(url, coapHost, coapPort);
		if (settings.dtlsDatagramLimit() != null) {
			server.limitDtlsDatagrams(checkDatagramLimit(settings.dtlsDatagramLimit()));
		}
		authentication(server, settings, secretRequired);
		server.useDefaultProfile(
				ServerSettings.present(settings.defaultProfileId()) ? settings.defaultProfileId().strip() : null);
		server.checkHostName(settings.verifyHostName() == null || settings.verifyHostName());
		server.pinServerCertificate(checkPin(settings.pinnedServerSha256()));
		if (ServerSettings.present(settings.serverCaPem())) {
			server.proposeServerCa(CaCertificates.encode(CaCertificates.read(settings.serverCaPem())));
		}
	}

	private static int checkDatagramLimit(int limit) {
		if (limit < ThingsBoardServer.MIN_DTLS_DATAGRAM_LIMIT || limit > ThingsBoardServer.MAX_DTLS_DATAGRAM_LIMIT) {
			throw new InvalidRequestException("dtlsDatagramLimit",
					"The DTLS datagram limit must be between %d and %d "
						.formatted(ThingsBoardServer.MIN_DTLS_DATAGRAM_LIMIT, ThingsBoardServer.MAX_DTLS_DATAGRAM_LIMIT)
							+ "bytes, not " + limit + " (ThingsBoard's DTLS server takes 1024 with its defaults)");
		}
		return limit;
	}

	private void authentication(ThingsBoardServer server, ServerSettings settings, boolean secretRequired) {
		boolean apiKey = ServerSettings.present(settings.apiKey());
		boolean password = ServerSettings.present(settings.password());
		if (apiKey && (password || ServerSettings.present(settings.username()))) {
			throw new InvalidRequestException("apiKey", "Give either a username and password or an API key, not both");
		}
		if (apiKey) {
			server.authenticateWith(ThingsBoardServer.AuthType.API_KEY, null, seal(server, settings.apiKey().strip()));
			return;
		}
		if (!ServerSettings.present(settings.username())) {
			if (!secretRequired && server.getAuthType() == ThingsBoardServer.AuthType.API_KEY) {
				return; // keep the stored API key
			}
			throw new InvalidRequestException("username",
					"Give a tenant administrator's username and password, or an API key (ThingsBoard 4.3+)");
		}
		if (password) {
			server.authenticateWith(ThingsBoardServer.AuthType.PASSWORD, settings.username().strip(),
					seal(server, settings.password()));
		}
		else if (!secretRequired && server.getAuthType() == ThingsBoardServer.AuthType.PASSWORD) {
			server.authenticateWith(ThingsBoardServer.AuthType.PASSWORD, settings.username().strip(),
					server.sealedSecret());
		}
		else {
			throw new InvalidRequestException("password", "The password is required");
		}
	}

	private KeyVault.Sealed seal(ThingsBoardServer server, String secret) {
		return this.vault.seal(secret.getBytes(StandardCharsets.UTF_8), server.secretContext());
	}

	static URI checkUrl(String url) {
		if (url == null || url.isBlank()) {
			throw new InvalidRequestException("url",
					"The ThingsBoard URL is required, e.g. https://thingsboard.example.com");
		}
		try {
			String trimmed = url.strip();
			while (trimmed.endsWith("/")) {
				trimmed = trimmed.substring(0, trimmed.length() - 1);
			}
			URI uri = new URI(trimmed);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
				throw new InvalidRequestException("url", "The ThingsBoard URL must be an http:// or https:// address "
						+ "with a host name or an IP address, not '" + PrintableText.oneLine(url) + "'");
			}
			HostNames.check("url", "URL's host", uri.getHost());
			if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
				throw new InvalidRequestException("url", "The ThingsBoard URL takes no user, query or fragment");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new InvalidRequestException("url",
					"'" + PrintableText.oneLine(url) + "' is not a valid URL: " + ex.getReason());
		}
	}

	private static String checkPin(String sha256) {
		if (!ServerSettings.present(sha256)) {
			return null;
		}
		String pin = Fingerprints.normaliseSha256(sha256);
		if (pin == null) {
			throw new InvalidRequestException("pinnedServerSha256",
					"A pinned server certificate is its SHA-256 fingerprint: 64 hex digits, with or without colons");
		}
		return pin;
	}

}

package dev.keysmith.thingsboard;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.Names;
import dev.keysmith.common.PrintableText;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.thingsboard.client.ServerAccess;
import dev.keysmith.thingsboard.client.ThingsBoardClient;
import dev.keysmith.thingsboard.client.ThingsBoardClients;
import dev.keysmith.vault.KeyVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ThingsBoard servers Keysmith knows: their settings, their sealed password or API
 * key, and the DTLS server CA that the operator confirmed.
 */
@Service
public class ThingsBoardServerService {

	private static final Logger log = LoggerFactory.getLogger(ThingsBoardServerService.class);

	private final ThingsBoardServerRepository servers;

	private final KeyVault vault;

	private final ThingsBoardClients clients;

	private final Clock clock;

	ThingsBoardServerService(ThingsBoardServerRepository servers, KeyVault vault, ThingsBoardClients clients,
			Clock clock) {
		this.servers = servers;
		this.vault = vault;
		this.clients = clients;
		this.clock = clock;
	}

	public List<ThingsBoardServer> list() {
		return this.servers.findAllByOrderByName();
	}

	public ThingsBoardServer get(UUID id) {
		return this.servers.findById(id).orElseThrow(() -> new ServerNotFoundException(id));
	}

	public ThingsBoardClient client(ThingsBoardServer server) {
		return this.clients.forServer(new ServerAccess(server.getId(), server.getVersion(), server.getName(),
				server.getBaseUrl(), () -> credentials(server)));
	}

	private ThingsBoardClient.Credentials credentials(ThingsBoardServer server) {
		String secret = new String(this.vault.open(server.sealedSecret(), server.secretContext()),
				StandardCharsets.UTF_8);
		return (server.getAuthType() == ThingsBoardServer.AuthType.API_KEY)
				? ThingsBoardClient.Credentials.apiKey(secret)
				: ThingsBoardClient.Credentials.password(server.getUsername(), secret);
	}

	@Transactional
	public ThingsBoardServer create(ServerSettings settings) {
		return save(new ThingsBoardServer(checkName(settings.name(), null), this.clock.instant(), false), settings,
				true);
	}

	@Transactional
	public ThingsBoardServer update(UUID id, ServerSettings settings) {
		ThingsBoardServer server = get(id);
		server.rename(checkName(settings.name(), id));
		return save(server, settings, false);
	}

	/**
	 * Creates or updates the server configured by the environment
	 * ({@code KEYSMITH_TB_*}).
	 */
	@Transactional
	ThingsBoardServer upsertFromEnvironment(ServerSettings settings) {
		ThingsBoardServer server = this.servers.findByName(settings.name())
			.orElseGet(() -> new ThingsBoardServer(settings.name(), this.clock.instant(), true));
		return save(server, settings, true);
	}

	@Transactional
	public void delete(UUID id) {
		this.servers.delete(get(id));
		this.clients.forget(id);
	}

	/** Keeps a pasted CA for the operator to confirm by its fingerprint. */
	@Transactional
	public ThingsBoardServer proposeServerCa(UUID id, String pem) {
		ThingsBoardServer server = get(id);
		server.proposeServerCa(CaCertificates.encode(CaCertificates.read(pem)));
		return server;
	}

	/**
	 * Fetches the CA from ThingsBoard's public download endpoint, for the operator to
	 * confirm; when it has none to give (404; or 401, a version without that download)
	 * says so. No transaction is open while ThingsBoard is asked, so no database
	 * connection waits on it.
	 */
	public ThingsBoardServer fetchServerCa(UUID id) {
		ThingsBoardServer server = get(id);
		String pem = client(server).downloadServerCa().pemOrThrow();
		server.proposeServerCa(CaCertificates.encode(CaCertificates.read(pem)));
		return this.servers.save(server);
	}

	/**
	 * Trusts the proposed CA, if the fingerprint the operator confirmed is still the one
	 * shown.
	 */
	@Transactional
	public ThingsBoardServer confirmServerCa(UUID id, String sha256Fingerprint) {
		ThingsBoardServer server = get(id);
		CaCertificates.Summary pending = CaCertificates.Summary.of(server.getPendingCaPem());
		if (pending == null) {
			throw new InvalidRequestException("sha256Fingerprint", "There is no server CA waiting for confirmation");
		}
		if (!sameFingerprint(pending.sha256Fingerprint(), sha256Fingerprint)) {
			throw new InvalidRequestException("sha256Fingerprint", "The fingerprint does not match the CA waiting for "
					+ "confirmation (" + pending.sha256Fingerprint() + "): nothing was trusted");
		}
		server.trustServerCa(server.getPendingCaPem(), this.clock.instant());
		log.info("Server CA of '{}' trusted: {} sha256={}", server.getName(), pending.subject(),
				pending.sha256Fingerprint());
		return server;
	}

	@Transactional
	public ThingsBoardServer forgetServerCa(UUID id) {
		ThingsBoardServer server = get(id);
		server.forgetServerCa();
		return server;
	}

	private ThingsBoardServer save(ThingsBoardServer server, ServerSettings settings, boolean secretRequired) {
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
		try {
			ThingsBoardServer saved = this.servers.saveAndFlush(server);
			if (ServerSettings.present(settings.serverCaSha256())) {
				return confirmServerCa(saved.getId(), settings.serverCaSha256());
			}
			return saved;
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("A ThingsBoard server named '" + server.getName() + "' already exists");
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

	private String checkName(String name, UUID self) {
		String problem = Names.problem("A server name", name, ThingsBoardServer.NAME_LENGTH);
		if (problem != null) {
			throw new InvalidRequestException("name", problem);
		}
		String trimmed = name.strip();
		this.servers.findByName(trimmed).filter((other) -> !other.getId().equals(self)).ifPresent((other) -> {
			throw new ConflictException("A ThingsBoard server named '" + trimmed + "' already exists");
		});
		return trimmed;
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

	private static boolean sameFingerprint(String expected, String given) {
		return expected.equals(Fingerprints.normaliseSha256(given));
	}

}

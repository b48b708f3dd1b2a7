package dev.keysmith.thingsboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.keysmith.audit.AuditLog;
import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.Names;
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

	private final ServerSettingsRules settingsRules;

	private final AuditLog audit;

	ThingsBoardServerService(ThingsBoardServerRepository servers, KeyVault vault, ThingsBoardClients clients,
			Clock clock, AuditLog audit) {
		this.audit = audit;
		this.servers = servers;
		this.vault = vault;
		this.clients = clients;
		this.clock = clock;
		this.settingsRules = new ServerSettingsRules(vault);
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
		ServerChanges.Snapshot before = ServerChanges.Snapshot.of(server);
		server.rename(checkName(settings.name(), id));
		return save(server, settings, false, before);
	}

	/**
	 * Creates or updates the server configured by the environment
	 * ({@code KEYSMITH_TB_*}).
	 */
	@Transactional
	ThingsBoardServer upsertFromEnvironment(ServerSettings settings) {
		Optional<ThingsBoardServer> known = this.servers.findByName(settings.name());
		ThingsBoardServer server = known
			.orElseGet(() -> new ThingsBoardServer(settings.name(), this.clock.instant(), true));
		return save(server, settings, true, known.map(ServerChanges.Snapshot::of).orElse(null));
	}

	@Transactional
	public void delete(UUID id) {
		ThingsBoardServer server = get(id);
		this.servers.delete(server);
		ServerChanges.record(this.audit, ServerChanges.DELETED, server, server.getBaseUrl());
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
		ServerChanges.record(this.audit, "SERVER_CA_TRUSTED", server,
				pending.subject() + ", SHA-256 " + pending.sha256Fingerprint());
		log.info("Server CA of '{}' trusted: {} sha256={}", server.getName(), pending.subject(),
				pending.sha256Fingerprint());
		return server;
	}

	@Transactional
	public ThingsBoardServer forgetServerCa(UUID id) {
		ThingsBoardServer server = get(id);
		server.forgetServerCa();
		ServerChanges.record(this.audit, "SERVER_CA_FORGOTTEN", server, null);
		return server;
	}

	private ThingsBoardServer save(ThingsBoardServer server, ServerSettings settings, boolean secretRequired) {
		return save(server, settings, secretRequired, null);
	}

	/**
	 * Applies and stores the settings, and records the creation ({@code before} null) or
	 * which settings changed.
	 */
	private ThingsBoardServer save(ThingsBoardServer server, ServerSettings settings, boolean secretRequired,
			ServerChanges.Snapshot before) {
		this.settingsRules.apply(server, settings, secretRequired);
		try {
			ThingsBoardServer saved = this.servers.saveAndFlush(server);
			recordSaved(saved, before);
			if (ServerSettings.present(settings.serverCaSha256())) {
				return confirmServerCa(saved.getId(), settings.serverCaSha256());
			}
			return saved;
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("A ThingsBoard server named '" + server.getName() + "' already exists");
		}
	}

	private void recordSaved(ThingsBoardServer saved, ServerChanges.Snapshot before) {
		if (before == null) {
			ServerChanges.record(this.audit, ServerChanges.CREATED, saved, saved.getBaseUrl() + ", "
					+ ((saved.getAuthType() == ThingsBoardServer.AuthType.API_KEY) ? "API key" : "password"));
			return;
		}
		List<String> changed = ServerChanges.between(before, ServerChanges.Snapshot.of(saved),
				!sameSecret(before.secret(), saved));
		if (!changed.isEmpty()) {
			ServerChanges.record(this.audit, ServerChanges.UPDATED, saved, "changed: " + String.join(", ", changed));
		}
	}

	/** Whether the server still holds the secret it held: compared opened, in memory. */
	private boolean sameSecret(KeyVault.Sealed before, ThingsBoardServer server) {
		KeyVault.Sealed now = server.sealedSecret();
		if (before.equals(now)) {
			return true;
		}
		if (before.ciphertext() == null || now.ciphertext() == null) {
			return false;
		}
		return MessageDigest.isEqual(this.vault.open(before, server.secretContext()),
				this.vault.open(now, server.secretContext()));
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

	private static boolean sameFingerprint(String expected, String given) {
		return expected.equals(Fingerprints.normaliseSha256(given));
	}

}

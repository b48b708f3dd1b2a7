package dev.keysmith.testkit;

import java.util.UUID;

import dev.keysmith.pki.Fingerprints;
import dev.keysmith.thingsboard.ServerSettings;
import dev.keysmith.thingsboard.ThingsBoardServerService;

/**
 * Adds the double to Keysmith as an operator would before verifying: a tenant
 * administrator, CoAP on loopback, and the DTLS server CA fetched from the double's
 * download endpoint and confirmed by its fingerprint.
 */
public final class TrustedServers {

	private TrustedServers() {
	}

	/** A server named after the prefix (and made unique), CoAP at 127.0.0.1. */
	public static UUID add(ThingsBoardServerService servers, ThingsBoardDouble thingsBoard, String prefix) {
		return add(servers, thingsBoard, thingsBoard.serverSettings(prefix));
	}

	/** A server with these settings (for another CoAP host or datagram limit). */
	public static UUID add(ThingsBoardServerService servers, ThingsBoardDouble thingsBoard, ServerSettings settings) {
		thingsBoard.publishServerCa();
		UUID id = servers.create(settings).getId();
		servers.fetchServerCa(id);
		servers.confirmServerCa(id, Fingerprints.sha256(thingsBoard.serverCa()));
		return id;
	}

}

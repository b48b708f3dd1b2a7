package dev.keysmith.preflight;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.UUID;

import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.dtls.DtlsProperties;
import dev.keysmith.dtls.HandshakeReport;
import dev.keysmith.dtls.ServerCertificateProbe;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.thingsboard.ServerDtls;
import dev.keysmith.thingsboard.ThingsBoardServer;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.thingsboard.client.ThingsBoardException;

import org.springframework.stereotype.Service;

/**
 * The server's CA taken from a DTLS handshake, for a ThingsBoard that publishes none
 * (3.x, or 4.x without DEVICE_CONNECTIVITY_COAPS_CA_ROOT_CERT): a handshake with a
 * throwaway certificate that checks nothing shows the chain the server presents; its
 * trust anchor waits for the operator to confirm its fingerprint, exactly like a
 * downloaded CA.
 */
@Service
public class HandshakeCaService {

	private final ThingsBoardServerService servers;

	private final DtlsProperties properties;

	HandshakeCaService(ThingsBoardServerService servers, DtlsProperties properties) {
		this.servers = servers;
		this.properties = properties;
	}

	/**
	 * Proposes, as the server's CA, what its DTLS server presents; nothing is trusted
	 * until confirmed.
	 */
	public ThingsBoardServer proposeFromHandshake(UUID serverId) {
		ThingsBoardServer server = this.servers.get(serverId);
		String where = server.getCoapHost() + ":" + server.getCoapPort();
		InetSocketAddress address;
		try {
			address = new InetSocketAddress(InetAddress.getByName(server.getCoapHost()), server.getCoapPort());
		}
		catch (UnknownHostException ex) {
			throw new InvalidRequestException("coapHost",
					"The CoAP host '" + server.getCoapHost() + "' does not resolve");
		}
		HandshakeReport handshake = ServerCertificateProbe.probe(this.properties,
				ServerCertificateProbe.throwawayIdentity(), ServerDtls.peer(server, address));
		X509Certificate anchor = ServerCertificateProbe.trustAnchor(handshake.serverChain());
		if (!handshake.completed() || anchor == null) {
			String why = (handshake.alert() != null) ? "the server ended it with " + handshake.alert()
					: (handshake.failure() != null) ? handshake.failure() : "no answer";
			throw new ThingsBoardException("No DTLS handshake with " + where + " completed (" + why
					+ "): no certificate was taken. Check the CoAP host and port, and that DTLS is on in ThingsBoard.",
					null);
		}
		return this.servers.proposeServerCa(serverId, PemCodec.certificate(anchor));
	}

}

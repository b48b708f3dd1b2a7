package dev.keysmith.thingsboard;

import java.net.InetSocketAddress;

import dev.keysmith.dtls.DtlsPeer;
import dev.keysmith.dtls.ServerTrust;

/**
 * How Keysmith's DTLS client reaches a configured server's CoAP port, and whom it trusts
 * there.
 */
public final class ServerDtls {

	private ServerDtls() {
	}

	/**
	 * The server's CoAP host at the address it resolved to, with the server's own
	 * settings.
	 */
	public static DtlsPeer peer(ThingsBoardServer server, InetSocketAddress address) {
		return new DtlsPeer(server.getCoapHost(), address, server.isVerifyHostName(), server.getDtlsDatagramLimit());
	}

	/**
	 * Its confirmed CA, else its pinned certificate, else the JDK's public CAs (for
	 * servers with publicly trusted certificates).
	 */
	public static ServerTrust trust(ThingsBoardServer server) {
		if (server.getServerCaPem() != null) {
			return new ServerTrust.TrustedCas(CaCertificates.read(server.getServerCaPem()),
					"the server CA confirmed in Keysmith");
		}
		if (server.getPinnedServerSha256() != null) {
			return new ServerTrust.PinnedCertificate(server.getPinnedServerSha256());
		}
		return ServerTrust.publicRoots();
	}

}

package dev.keysmith.verify;

import dev.keysmith.thingsboard.CaCertificates;
import dev.keysmith.thingsboard.ThingsBoardServer;

/**
 * Which trust a server's DTLS certificate is checked with: its confirmed CA, else its pinned
 * certificate, else the JDK's public CAs (for servers with publicly trusted certificates).
 */
final class ServerTrusts {

	private ServerTrusts() {
	}

	static ServerTrust of(ThingsBoardServer server) {
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

package dev.keysmith.verify;

import dev.keysmith.thingsboard.CaCertificates;
import dev.keysmith.thingsboard.ThingsBoardServer;

/** Which trust a server's DTLS certificate is checked with: its confirmed CA, else the public CAs. */
final class ServerTrusts {

	private ServerTrusts() {
	}

	static ServerTrust of(ThingsBoardServer server) {
		if (server.getServerCaPem() != null) {
			return new ServerTrust.TrustedCas(CaCertificates.read(server.getServerCaPem()),
					"the server CA confirmed in Keysmith");
		}
		return ServerTrust.publicRoots();
	}

}

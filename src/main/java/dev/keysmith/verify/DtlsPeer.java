package dev.keysmith.verify;

import java.net.InetSocketAddress;

import dev.keysmith.thingsboard.ThingsBoardServer;

/**
 * The DTLS server a client connects to, and how.
 * @param host the name or address as the operator gave it (for the URI and the subject check)
 * @param address the resolved address to connect to
 * @param verifyHostName whether the server certificate must name {@code host}
 * @param datagramLimit the largest UDP datagram to send it, in bytes
 */
public record DtlsPeer(String host, InetSocketAddress address, boolean verifyHostName, int datagramLimit) {

	/** A server's CoAP host, at the address it resolved to, with the server's own settings. */
	static DtlsPeer of(ThingsBoardServer server, InetSocketAddress address) {
		return new DtlsPeer(server.getCoapHost(), address, server.isVerifyHostName(), server.getDtlsDatagramLimit());
	}

	/** The same peer, its certificate's subject left unchecked. */
	DtlsPeer withoutHostNameCheck() {
		return new DtlsPeer(this.host, this.address, false, this.datagramLimit);
	}

	/** The same peer, at another datagram limit. */
	DtlsPeer withDatagramLimit(int limit) {
		return new DtlsPeer(this.host, this.address, this.verifyHostName, limit);
	}

}

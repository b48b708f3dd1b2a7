package dev.keysmith.dtls;

import java.net.InetSocketAddress;

/**
 * The DTLS server a client connects to, and how.
 *
 * @param host the name or address as the operator gave it (for the URI and the subject
 * check)
 * @param address the resolved address to connect to
 * @param verifyHostName whether the server certificate must name {@code host}
 * @param datagramLimit the largest UDP datagram to send it, in bytes
 */
public record DtlsPeer(String host, InetSocketAddress address, boolean verifyHostName, int datagramLimit) {

	/** The same peer, its certificate's subject left unchecked. */
	public DtlsPeer withoutHostNameCheck() {
		return new DtlsPeer(this.host, this.address, false, this.datagramLimit);
	}

	/** The same peer, at another datagram limit. */
	public DtlsPeer withDatagramLimit(int limit) {
		return new DtlsPeer(this.host, this.address, this.verifyHostName, limit);
	}

}

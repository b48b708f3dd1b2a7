package dev.keysmith.dtls;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.dtls.RecordLayer;

/**
 * Keeps every datagram the client sends within the server's limit, from the first flight
 * on.
 *
 * <p>
 * ThingsBoard's DTLS server (Scandium) reads each datagram into a buffer sized from its
 * maximum fragment length: with its defaults, 1,024 bytes plus 106 for headers and cipher
 * expansion. A longer datagram is cut short, its unfinished records are lost, and the
 * flight must be sent again; Scandium's client only falls back to small datagrams after
 * two retransmissions (2.5 s), and other stacks may never do.
 *
 * <p>
 * Only the client's own MTU bounds what it sends: Scandium cuts its flights into
 * datagrams of at most the MTU less a fixed allowance for IP and UDP headers (64 bytes
 * for IPv4, 128 for IPv6), splitting a handshake message that is too long (a large
 * certificate) into fragments that fit, so the MTU is set to the limit plus that
 * allowance. Asking the server for a maximum fragment length (RFC 6066) or announcing a
 * record size limit (RFC 8449) would not help: both bound what the <em>server</em> sends,
 * and Scandium would also shrink the client's own receive buffer to the fragment length.
 *
 * <p>
 * CoAP messages are datagrams too: a payload larger than one block goes block-wise, in
 * blocks small enough that the message, its options and the DTLS record around it fit.
 */
final class DatagramLimit {

	/**
	 * Room left around a block: the CoAP header, token and options, and the DTLS record's
	 * header, connection ID and cipher expansion.
	 */
	private static final int BLOCK_ALLOWANCE = 256;

	private static final int LARGEST_BLOCK = 1024;

	private static final int SMALLEST_BLOCK = 16;

	private DatagramLimit() {
	}

	static void applyTo(Configuration config, int limit, InetSocketAddress server) {
		int headers = (server.getAddress() instanceof Inet6Address) ? RecordLayer.IPV6_HEADER_LENGTH
				: RecordLayer.IPV4_HEADER_LENGTH;
		int mtu = limit + headers;
		config.set(DtlsConfig.DTLS_MAX_TRANSMISSION_UNIT, mtu);
		// Scandium refuses an MTU above this limit (1,500 by default), meant for the
		// detected one
		config.set(DtlsConfig.DTLS_MAX_TRANSMISSION_UNIT_LIMIT,
				Math.max(mtu, DtlsConfig.DEFAULT_MAX_TRANSMISSION_UNIT_LIMIT));
		int block = blockSize(limit);
		config.set(CoapConfig.MAX_MESSAGE_SIZE, block);
		config.set(CoapConfig.PREFERRED_BLOCK_SIZE, block);
	}

	/**
	 * The largest CoAP block (a power of two, 16 to 1,024) whose message fits a datagram
	 * of {@code limit} bytes.
	 */
	static int blockSize(int limit) {
		int block = LARGEST_BLOCK;
		while (block > SMALLEST_BLOCK && block + BLOCK_ALLOWANCE > limit) {
			block /= 2;
		}
		return block;
	}

}

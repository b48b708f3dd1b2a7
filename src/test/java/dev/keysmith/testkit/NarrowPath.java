package dev.keysmith.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP path on loopback to a server that carries client datagrams of at most a given
 * size and drops longer ones, as a link with a small MTU does (or a server that reads no
 * more): for DTLS servers that cannot be told to read less, such as libcoap's. Answers
 * come back whole.
 */
public final class NarrowPath implements AutoCloseable {

	private static final int BUFFER = 65535;

	private final DatagramSocket front;

	private final InetSocketAddress server;

	private final int largest;

	private final Map<SocketAddress, DatagramSocket> backs = new ConcurrentHashMap<>();

	private final AtomicInteger dropped = new AtomicInteger();

	private NarrowPath(InetSocketAddress server, int largest) throws IOException {
		this.server = server;
		this.largest = largest;
		this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		start("narrow-path-front", this::forwardFromClients);
	}

	/**
	 * A path to {@code server} that drops client datagrams longer than {@code largest}
	 * bytes.
	 */
	public static NarrowPath to(InetSocketAddress server, int largest) {
		try {
			return new NarrowPath(server, largest);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Where clients send to instead of the server. */
	public InetSocketAddress address() {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), this.front.getLocalPort());
	}

	/** How many client datagrams were too long and dropped. */
	public int dropped() {
		return this.dropped.get();
	}

	@Override
	public void close() {
		this.front.close();
		this.backs.values().forEach(DatagramSocket::close);
	}

	private void forwardFromClients() {
		byte[] buffer = new byte[BUFFER];
		while (!this.front.isClosed()) {
			DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
			try {
				this.front.receive(packet);
				if (packet.getLength() > this.largest) {
					this.dropped.incrementAndGet();
					continue;
				}
				DatagramSocket back = this.backs.computeIfAbsent(packet.getSocketAddress(), this::openBack);
				back.send(new DatagramPacket(packet.getData(), packet.getLength(), this.server));
			}
			catch (IOException | UncheckedIOException ex) {
				// closed, or a send failed: a datagram lost, as on any path
			}
		}
	}

	private DatagramSocket openBack(SocketAddress client) {
		try {
			DatagramSocket back = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			start("narrow-path-back", () -> forwardToClient(back, client));
			return back;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void forwardToClient(DatagramSocket back, SocketAddress client) {
		byte[] buffer = new byte[BUFFER];
		while (!back.isClosed()) {
			DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
			try {
				back.receive(packet);
				this.front.send(new DatagramPacket(packet.getData(), packet.getLength(), client));
			}
			catch (IOException ex) {
				// closed, or a send failed
			}
		}
	}

	private static void start(String name, Runnable loop) {
		Thread thread = new Thread(loop, name);
		thread.setDaemon(true);
		thread.start();
	}

}

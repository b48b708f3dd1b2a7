package dev.keysmith.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on loopback that accepts every connection, reads what comes and never
 * answers: a ThingsBoard that hangs. Counts the connections it accepted. Closed by the
 * test.
 */
public final class SilentServer implements AutoCloseable {

	private final ServerSocket socket;

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	private final AtomicInteger connections = new AtomicInteger();

	public SilentServer() {
		try {
			this.socket = new ServerSocket();
			this.socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread acceptor = new Thread(this::accept, "silent-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.socket.getLocalPort();
	}

	/** How many connections were accepted so far. */
	public int connections() {
		return this.connections.get();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket connection = this.socket.accept();
				this.accepted.add(connection);
				this.connections.incrementAndGet();
				Thread reader = new Thread(() -> drain(connection), "silent-server-connection");
				reader.setDaemon(true);
				reader.start();
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	/**
	 * Reads the request (and anything after it) so that the client is never blocked
	 * writing; answers nothing.
	 */
	private static void drain(Socket connection) {
		byte[] buffer = new byte[4096];
		try (InputStream in = connection.getInputStream()) {
			while (in.read(buffer) >= 0) {
				// swallow
			}
		}
		catch (IOException ex) {
			// the client went away, or the server was closed
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		for (Socket connection : this.accepted) {
			try {
				connection.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

}

package dev.keysmith.dtls;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.californium.elements.auth.X509CertPath;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.SessionAdapter;

/**
 * Watches one client handshake from Scandium's threads: it only records and hands short
 * notes to a non-blocking sink, never waits. Alerts are read from the failure, where an
 * alert the server sent ("Received 'fatal alert/…'") can be told from one Keysmith sent.
 */
final class HandshakeObserver extends SessionAdapter {

	private final Consumer<String> progress;

	private final List<Integer> retransmittedFlights = new CopyOnWriteArrayList<>();

	private volatile long startedNanos;

	private volatile long endedNanos;

	private volatile boolean completed;

	private volatile String cipherSuite;

	private volatile X509Certificate serverCertificate;

	private volatile List<X509Certificate> serverChain = List.of();

	private volatile boolean connectionId;

	private volatile String receivedAlert;

	private volatile String failure;

	private volatile Throwable failureCause;

	private final CountDownLatch ended = new CountDownLatch(1);

	HandshakeObserver(Consumer<String> progress) {
		this.progress = progress;
	}

	@Override
	public void handshakeStarted(Handshaker handshaker) {
		this.startedNanos = System.nanoTime();
		this.progress.accept("ClientHello sent");
	}

	@Override
	public void handshakeFlightRetransmitted(Handshaker handshaker, int flight) {
		this.retransmittedFlights.add(flight);
		this.progress.accept("no answer yet: flight " + flight + " sent again");
	}

	@Override
	public void contextEstablished(Handshaker handshaker, DTLSContext context) {
		this.cipherSuite = context.getSession().getCipherSuite().name();
		if (context.getSession().getPeerIdentity() instanceof X509CertPath path) {
			this.serverCertificate = path.getTarget();
			this.serverChain = path.getPath()
				.getCertificates()
				.stream()
				.filter(X509Certificate.class::isInstance)
				.map(X509Certificate.class::cast)
				.toList();
		}
		this.connectionId = context.getWriteConnectionId() != null && !context.getWriteConnectionId().isEmpty();
	}

	@Override
	public void handshakeCompleted(Handshaker handshaker) {
		this.endedNanos = System.nanoTime();
		this.completed = true;
		this.ended.countDown();
	}

	@Override
	public void handshakeFailed(Handshaker handshaker, Throwable error) {
		this.endedNanos = System.nanoTime();
		this.failureCause = error;
		if (error instanceof HandshakeException handshake && handshake.getAlert() != null) {
			AlertMessage alert = handshake.getAlert();
			if (String.valueOf(error.getMessage()).startsWith("Received")) {
				// Scandium reports an alert from the peer as "Received 'fatal alert/…'"
				this.receivedAlert = alert.getLevel().name().toLowerCase() + " " + alert.getDescription().name();
			}
			this.failure = error.getMessage() + " (alert " + alert.getDescription() + ")";
		}
		else {
			this.failure = String.valueOf(error.getMessage());
		}
		this.ended.countDown();
	}

	boolean timedOut() {
		return this.failureCause != null && this.failureCause.getClass().getSimpleName().contains("Timeout");
	}

	/** The alert the server sent, e.g. "fatal BAD_CERTIFICATE", or {@code null}. */
	String receivedAlert() {
		return this.receivedAlert;
	}

	/**
	 * Waits (briefly) until a started handshake has ended: Scandium may report the
	 * outcome on its own thread a moment after the request that needed the handshake has
	 * failed.
	 */
	void awaitOutcome(Duration bound) {
		if (this.startedNanos == 0) {
			return;
		}
		try {
			this.ended.await(bound.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	HandshakeReport report(int largestDatagram) {
		long end = (this.endedNanos != 0) ? this.endedNanos : System.nanoTime();
		long millis = (this.startedNanos != 0) ? (end - this.startedNanos) / 1_000_000 : 0;
		return new HandshakeReport(this.completed, this.cipherSuite, this.serverCertificate, this.serverChain,
				this.connectionId, millis, List.copyOf(this.retransmittedFlights), this.receivedAlert, this.failure,
				largestDatagram);
	}

}

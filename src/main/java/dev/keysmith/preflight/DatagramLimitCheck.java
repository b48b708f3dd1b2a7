package dev.keysmith.preflight;

import java.util.List;
import java.util.Optional;

import dev.keysmith.dtls.DtlsClient;
import dev.keysmith.dtls.DtlsIdentity;
import dev.keysmith.dtls.DtlsPeer;
import dev.keysmith.dtls.DtlsProperties;
import dev.keysmith.dtls.HandshakeReport;
import dev.keysmith.dtls.ServerCertificateProbe;
import dev.keysmith.dtls.ServerTrust;
import dev.keysmith.pki.KeyType;

/**
 * Part of the pre-flight check: do datagrams of the server's limit get through? A
 * handshake with a throwaway RSA 2048 certificate, whose flight 5 (about 1.3 KB) must be
 * split to fit, is the test: when a flight had to be sent again, the server (or the path
 * to it) takes less, and one smaller limit is tried to name one that works.
 */
final class DatagramLimitCheck {

	/** ThingsBoard's default fragment length, then its smallest. */
	private static final List<Integer> SMALLER_LIMITS = List.of(1024, 512);

	private DatagramLimitCheck() {
	}

	/**
	 * The DTLS finding of a completed handshake, with what the datagram check found
	 * added.
	 */
	static Finding addTo(Finding dtls, DtlsProperties properties, ServerTrust trust, DtlsPeer peer) {
		DtlsIdentity rsa = ServerCertificateProbe.throwawayIdentity(KeyType.RSA_2048);
		HandshakeReport atLimit = handshake(properties, rsa, trust, peer);
		String limit = "%,d bytes".formatted(peer.datagramLimit());
		if (!atLimit.completed()) {
			return Finding.warning(dtls.check(),
					dtls.detail() + " A handshake with a throwaway RSA 2048 certificate "
							+ "at this server's DTLS datagram limit (" + limit + ") did not complete (" + why(atLimit)
							+ "): the limit could not be checked.");
		}
		if (atLimit.retransmittedFlights().isEmpty()) {
			return new Finding(dtls.check(), dtls.status(),
					dtls.detail() + " Datagrams of at most " + limit
							+ ", this server's DTLS datagram limit, get through: a handshake with a throwaway RSA 2048 "
							+ "certificate (largest datagram " + atLimit.largestDatagram() + " bytes) completed in "
							+ atLimit.durationMillis() + " ms with no flight sent again.");
		}
		String detail = dtls.detail() + " At this server's DTLS datagram limit of " + limit + ", a handshake with "
				+ "a throwaway RSA 2048 certificate needed " + flights(atLimit) + " sent again (largest datagram "
				+ atLimit.largestDatagram() + " bytes, " + atLimit.durationMillis() + " ms): the server takes less "
				+ "per datagram (ThingsBoard's COAP_DTLS_MAX_FRAGMENT_LENGTH, 1024 by default), or the network "
				+ "path does.";
		Optional<Integer> smaller = SMALLER_LIMITS.stream().filter((l) -> l < peer.datagramLimit()).findFirst();
		if (smaller.isEmpty()) {
			return Finding.warning(dtls.check(), detail);
		}
		HandshakeReport atSmaller = handshake(properties, rsa, trust, peer.withDatagramLimit(smaller.get()));
		String at = " At %,d bytes ".formatted(smaller.get());
		if (atSmaller.completed() && atSmaller.retransmittedFlights().isEmpty()) {
			return Finding.warning(dtls.check(), detail + at + "no flight was sent again: set the server's DTLS "
					+ "datagram limit to " + smaller.get() + ".");
		}
		return Finding.warning(dtls.check(),
				detail + at
						+ (atSmaller.completed() ? flights(atSmaller) + " had to be sent again too"
								: "it did not complete (" + why(atSmaller) + ")")
						+ ": look for a network path that drops large datagrams.");
	}

	private static HandshakeReport handshake(DtlsProperties properties, DtlsIdentity identity, ServerTrust trust,
			DtlsPeer peer) {
		try (DtlsClient client = DtlsClient.open(properties, identity, trust, peer, (note) -> {
		})) {
			client.ping();
			return client.handshake();
		}
	}

	private static String flights(HandshakeReport report) {
		List<Integer> flights = report.retransmittedFlights().stream().distinct().toList();
		return (flights.size() == 1) ? "flight " + flights.get(0) : "flights " + flights;
	}

	private static String why(HandshakeReport report) {
		return (report.alert() != null) ? "the server sent " + report.alert()
				: (report.failure() != null) ? report.failure() : "no answer";
	}

}

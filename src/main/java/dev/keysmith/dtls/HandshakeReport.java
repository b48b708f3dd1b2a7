package dev.keysmith.dtls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a DTLS handshake showed.
 *
 * @param completed whether it completed
 * @param cipherSuite the negotiated suite, or {@code null}
 * @param serverCertificate the certificate the server presented, or {@code null}
 * @param serverChain the whole chain the server presented, its own certificate first;
 * empty when none
 * @param connectionId whether a connection ID is in use
 * @param durationMillis from ClientHello to Finished (or to failure)
 * @param retransmittedFlights the flights that had to be sent again, in order
 * @param alert the alert that ended it (e.g. "fatal BAD_CERTIFICATE from the server"), or
 * {@code null}
 * @param failure what went wrong otherwise, or {@code null}
 * @param largestDatagram the UDP payload of the largest datagram the client sent, in
 * bytes
 */
public record HandshakeReport(boolean completed, String cipherSuite, X509Certificate serverCertificate,
		List<X509Certificate> serverChain, boolean connectionId, long durationMillis,
		List<Integer> retransmittedFlights, String alert, String failure, int largestDatagram) {

}

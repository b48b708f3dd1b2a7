package dev.keysmith.verify;

import java.net.InetSocketAddress;

import dev.keysmith.pki.Fingerprints;

/**
 * When Keysmith refuses a server's certificate, a second handshake that checks nothing shows
 * what the server presents, so the operator can compare it with what they expected.
 */
final class ServerCertificateProbe {

	private ServerCertificateProbe() {
	}

	static String reveal(VerifyProperties properties, DtlsIdentity identity, String host, InetSocketAddress address) {
		try (DtlsClient probe = DtlsClient.open(properties, identity, new ServerTrust.AnyCertificate(), host, address,
				false, (note) -> {
				})) {
			probe.ping();
			return describe(probe.handshake());
		}
	}

	static String describe(HandshakeReport handshake) {
		if (handshake.serverCertificate() == null) {
			return "unknown";
		}
		return handshake.serverCertificate().getSubjectX500Principal().getName() + ", issued by "
				+ handshake.serverCertificate().getIssuerX500Principal().getName() + ", SHA-256 "
				+ Fingerprints.sha256(handshake.serverCertificate());
	}

}

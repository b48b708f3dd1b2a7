package dev.keysmith.dtls;

import java.net.InetSocketAddress;
import java.security.cert.CertPath;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import dev.keysmith.pki.Fingerprints;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.CertificateMessage;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.CertificateVerificationResult;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * Accepts exactly one server certificate, known by its SHA-256 fingerprint, and nothing
 * else.
 */
final class PinnedCertificateVerifier implements NewAdvancedCertificateVerifier {

	private final String sha256Fingerprint;

	PinnedCertificateVerifier(String sha256Fingerprint) {
		this.sha256Fingerprint = Fingerprints.normaliseSha256(sha256Fingerprint);
	}

	@Override
	public List<CertificateType> getSupportedCertificateTypes() {
		return List.of(CertificateType.X_509);
	}

	@Override
	public CertificateVerificationResult verifyCertificate(ConnectionId cid, ServerNames serverName,
			InetSocketAddress remotePeer, boolean clientUsage, boolean verifySubject, boolean truncateCertificatePath,
			CertificateMessage message) {
		CertPath path = message.getCertificateChain();
		if (path != null && !path.getCertificates().isEmpty()) {
			X509Certificate leaf = (X509Certificate) path.getCertificates().get(0);
			if (Fingerprints.sha256(leaf).equals(this.sha256Fingerprint)) {
				return new CertificateVerificationResult(cid, path, null);
			}
		}
		return new CertificateVerificationResult(cid,
				new HandshakeException("server certificate is not the pinned one",
						new AlertMessage(AlertMessage.AlertLevel.FATAL, AlertMessage.AlertDescription.BAD_CERTIFICATE)),
				null);
	}

	@Override
	public List<X500Principal> getAcceptedIssuers() {
		return List.of();
	}

	@Override
	public void setResultHandler(HandshakeResultHandler resultHandler) {
	}

}

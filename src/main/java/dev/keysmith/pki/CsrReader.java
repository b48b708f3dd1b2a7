package dev.keysmith.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * Reads a PKCS#10 certificate signing request (PEM or DER) as a device hands it out: its
 * signature must verify with the key it carries (the device holds that key), its key must
 * be one ThingsBoard's DTLS takes (EC P-256, P-384, RSA 2048 to 4096), and what is not a
 * CSR (a certificate, a private key) is named as what it is.
 */
public final class CsrReader {

	private static final List<String> CSR_LABELS = List.of("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST");

	private CsrReader() {
	}

	/**
	 * A CSR read and checked.
	 *
	 * @param commonName the CN it asks for, if any
	 */
	public record Csr(PublicKey publicKey, KeyType keyType, Optional<String> commonName) {
	}

	public static Csr read(byte[] file) {
		if (file == null || file.length == 0) {
			throw new PkiException("No certificate signing request was given");
		}
		byte[] der = looksLikeText(file) ? fromPem(new String(file, StandardCharsets.US_ASCII)) : file;
		JcaPKCS10CertificationRequest request;
		try {
			request = new JcaPKCS10CertificationRequest(der);
		}
		catch (IOException | RuntimeException ex) {
			throw new PkiException("This is not a certificate signing request (PKCS#10) that Keysmith can read");
		}
		PublicKey publicKey;
		try {
			publicKey = request.getPublicKey();
		}
		catch (java.security.GeneralSecurityException | RuntimeException ex) {
			throw new PkiException("The CSR's public key cannot be read: " + ex.getMessage());
		}
		KeyType type = KeyType.of(publicKey)
			.filter((t) -> t != KeyType.EC_P521)
			.orElseThrow(() -> new PkiException("The CSR's key (" + publicKey.getAlgorithm()
					+ ") is not supported: use EC P-256, EC P-384 or RSA 2048 to 4096"));
		try {
			if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey))) {
				throw new PkiException("The CSR's signature does not verify with its own key: it was altered, or "
						+ "not signed by the key it carries (no proof the device holds that key)");
			}
		}
		catch (OperatorCreationException | PKCSException ex) {
			throw new PkiException("The CSR's signature cannot be checked: " + ex.getMessage());
		}
		return new Csr(publicKey, type, commonName(request.getSubject()));
	}

	/** A CSR file (PEM or DER) as PEM text. */
	public static String pem(byte[] file) {
		return looksLikeText(file) ? new String(file, StandardCharsets.US_ASCII)
				: PemCodec.encode(CSR_LABELS.get(0), file);
	}

	private static Optional<String> commonName(X500Name subject) {
		RDN[] names = subject.getRDNs(BCStyle.CN);
		if (names.length == 0) {
			return Optional.empty();
		}
		return Optional.of(IETFUtils.valueToString(names[0].getFirst().getValue()));
	}

	private static byte[] fromPem(String text) {
		List<PemBlock> blocks = PemCodec.decode(text);
		if (blocks.isEmpty()) {
			throw new PkiException(
					"This is not PEM: expected a '-----BEGIN CERTIFICATE REQUEST-----' block (or the CSR as DER)");
		}
		return blocks.stream()
			.filter((block) -> CSR_LABELS.contains(block.label()))
			.findFirst()
			.orElseThrow(() -> new PkiException(notACsr(blocks.get(0).label())))
			.content();
	}

	private static String notACsr(String label) {
		if (label.equals(PemCodec.CERTIFICATE)) {
			return "This is a certificate, not a certificate signing request: import it as a device instead, or "
					+ "give the CSR the device made";
		}
		if (label.contains("PRIVATE KEY")) {
			return "This is a private key, not a certificate signing request: a key should never leave the device. "
					+ "Give the CSR the device made";
		}
		return "This is a " + label + " block, not a certificate signing request";
	}

	private static boolean looksLikeText(byte[] data) {
		// DER starts with a SEQUENCE (0x30); PEM starts with text
		return data.length > 0 && data[0] != 0x30;
	}

}

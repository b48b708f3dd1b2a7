package dev.keysmith.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Reads private keys in the three PEM forms openssl writes, and checks them against a
 * certificate.
 */
final class PrivateKeys {

	private PrivateKeys() {
	}

	static boolean isKeyBlock(PemBlock block) {
		return block.label().endsWith("PRIVATE KEY");
	}

	static ParsedKey read(List<PemBlock> blocks) {
		List<PemBlock> keys = blocks.stream().filter(PrivateKeys::isKeyBlock).toList();
		if (keys.isEmpty()) {
			if (blocks.stream().anyMatch((b) -> b.label().equals(PemCodec.CERTIFICATE))) {
				throw new PkiException("The key field holds a certificate, not a private key");
			}
			throw new PkiException("No private key found: the text holds "
					+ blocks.stream().map(PemBlock::label).distinct().collect(Collectors.joining(", ")));
		}
		if (keys.size() > 1) {
			throw new PkiException(
					"The text holds %d private keys: give exactly the device's one".formatted(keys.size()));
		}
		ASN1ObjectIdentifier parametersBlockCurve = blocks.stream()
			.filter((b) -> b.label().equals("EC PARAMETERS"))
			.findFirst()
			.map((b) -> curveOf(b.content()))
			.orElse(null);
		return parse(keys.get(0), parametersBlockCurve);
	}

	private static ParsedKey parse(PemBlock block, ASN1ObjectIdentifier parametersBlockCurve) {
		String label = block.label();
		if (label.equals("ENCRYPTED PRIVATE KEY")
				|| block.headers().getOrDefault("Proc-Type", "").contains("ENCRYPTED")) {
			throw new PkiException("The private key is encrypted with a passphrase. Keysmith stores keys encrypted "
					+ "itself: decrypt it first (openssl pkey -in key.pem -out key-plain.pem) and import that.");
		}
		try {
			return switch (label) {
				case "EC PRIVATE KEY" -> sec1(block.content(), parametersBlockCurve);
				case "PRIVATE KEY" -> pkcs8(block.content());
				case "RSA PRIVATE KEY" -> new ParsedKey(label,
						new PrivateKeyInfo(
								new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
								RSAPrivateKey.getInstance(block.content())),
						null);
				case "OPENSSH PRIVATE KEY" -> throw new PkiException("This is an OpenSSH key. Convert it to PEM "
						+ "(ssh-keygen -p -m PEM -f key) or import a PKCS#8 key.");
				default -> throw new PkiException(
						"A " + label + " is not supported: use an EC or RSA key in SEC1, " + "PKCS#8 or PKCS#1 form");
			};
		}
		catch (IllegalArgumentException | IllegalStateException | IOException ex) {
			throw new PkiException("The " + label + " block is not a valid key: the data is damaged");
		}
	}

	private static ParsedKey sec1(byte[] der, ASN1ObjectIdentifier parametersBlockCurve) throws IOException {
		ECPrivateKey sec1 = ECPrivateKey.getInstance(der);
		ASN1ObjectIdentifier curve = parametersBlockCurve;
		if (sec1.getParametersObject() != null) {
			curve = curveOf(sec1.getParametersObject().toASN1Primitive().getEncoded());
		}
		AlgorithmIdentifier algorithm = (curve != null)
				? new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve)
				: new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey);
		return new ParsedKey("EC PRIVATE KEY", new PrivateKeyInfo(algorithm, sec1), curve);
	}

	private static ParsedKey pkcs8(byte[] der) {
		PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
		ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
		if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
			return new ParsedKey("PRIVATE KEY", info, curveOf(info.getPrivateKeyAlgorithm().getParameters()));
		}
		if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
			return new ParsedKey("PRIVATE KEY", info, null);
		}
		throw new PkiException(
				"The private key's algorithm (OID " + algorithm + ") is not supported: use an EC or " + "RSA key");
	}

	private static ASN1ObjectIdentifier curveOf(Object parameters) {
		try {
			X962Parameters x962 = (parameters instanceof byte[] der) ? X962Parameters.getInstance(der)
					: X962Parameters.getInstance(parameters);
			if (!x962.isNamedCurve()) {
				throw new PkiException("The EC key uses explicit curve parameters: use a named curve (P-256, P-384)");
			}
			return ASN1ObjectIdentifier.getInstance(x962.getParameters());
		}
		catch (IllegalArgumentException ex) {
			throw new PkiException("The EC PARAMETERS are damaged");
		}
	}

	/**
	 * The JCA key, after proving it belongs to the certificate: same algorithm, same
	 * curve, and a signature made with it verifies with the certificate's public key.
	 */
	static PrivateKey matching(ParsedKey parsed, X509Certificate certificate, KeyType certificateType) {
		boolean ec = X9ObjectIdentifiers.id_ecPublicKey.equals(parsed.info().getPrivateKeyAlgorithm().getAlgorithm());
		if (ec != certificateType.isEc()) {
			throw new PkiException("The key is an %s key but the certificate holds an %s key: they do not belong "
				.formatted(ec ? "EC" : "RSA", certificateType.algorithm()) + "together");
		}
		if (ec && parsed.curve() != null && !parsed.curve().equals(certificateType.curve())) {
			throw new PkiException("The key is on curve " + parsed.curve() + " but the certificate's key is "
					+ certificateType.label() + ": they do not belong together");
		}
		PrivateKey key = toJca(parsed, certificateType);
		if (!signatureVerifies(key, certificate, certificateType)) {
			throw new PkiException(
					"The private key does not match the certificate: they come from different key " + "pairs");
		}
		return key;
	}

	private static PrivateKey toJca(ParsedKey parsed, KeyType type) {
		try {
			PrivateKeyInfo info = parsed.info();
			if (type.isEc() && parsed.curve() == null) {
				info = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, type.curve()),
						info.parsePrivateKey());
			}
			return KeyFactory.getInstance(type.algorithm()).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
		}
		catch (GeneralSecurityException | IOException | IllegalArgumentException ex) {
			throw new PkiException("The " + parsed.label() + " block is not a valid " + type.algorithm() + " key");
		}
	}

	private static boolean signatureVerifies(PrivateKey key, X509Certificate certificate, KeyType type) {
		byte[] challenge = ("keysmith key check " + new SecureRandom().nextLong()).getBytes(StandardCharsets.US_ASCII);
		try {
			Signature signer = Signature.getInstance(type.signatureAlgorithm());
			signer.initSign(key);
			signer.update(challenge);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(type.signatureAlgorithm());
			verifier.initVerify(certificate.getPublicKey());
			verifier.update(challenge);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

}

package dev.keysmith.pki;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Optional;

import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.PrintableText;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The key types Keysmith handles. The first three can be generated; the others are only
 * accepted on import, because they still work with ThingsBoard's DTLS transport.
 */
public enum KeyType {

	EC_P256("EC P-256", "EC", SECObjectIdentifiers.secp256r1, 256, "SHA256withECDSA", true),
	/*
	 * P-384 certificates are signed with SHA-256, as openssl signs them by default: a
	 * DTLS server with Scandium's default settings (ThingsBoard's) lists only SHA256
	 * signatures for client certificates, and a client whose certificate is signed
	 * otherwise sends none at all.
	 */
	EC_P384("EC P-384", "EC", SECObjectIdentifiers.secp384r1, 384, "SHA256withECDSA", true),
	RSA_2048("RSA 2048", "RSA", null, 2048, "SHA256withRSA", true),
	EC_P521("EC P-521", "EC", SECObjectIdentifiers.secp521r1, 521, "SHA512withECDSA", false),
	RSA_3072("RSA 3072", "RSA", null, 3072, "SHA256withRSA", false),
	RSA_4096("RSA 4096", "RSA", null, 4096, "SHA256withRSA", false);

	private final String label;

	private final String algorithm;

	private final ASN1ObjectIdentifier curve;

	private final int bits;

	private final String signatureAlgorithm;

	private final boolean generatable;

	KeyType(String label, String algorithm, ASN1ObjectIdentifier curve, int bits, String signatureAlgorithm,
			boolean generatable) {
		this.label = label;
		this.algorithm = algorithm;
		this.curve = curve;
		this.bits = bits;
		this.signatureAlgorithm = signatureAlgorithm;
		this.generatable = generatable;
	}

	public String label() {
		return this.label;
	}

	/** JCA key algorithm: {@code EC} or {@code RSA}. */
	public String algorithm() {
		return this.algorithm;
	}

	public boolean isEc() {
		return "EC".equals(this.algorithm);
	}

	/** The named curve (EC only), as the OID written into SEC1 and certificates. */
	public ASN1ObjectIdentifier curve() {
		return this.curve;
	}

	/** Curve order bit length for EC, modulus length for RSA. */
	public int bits() {
		return this.bits;
	}

	public String signatureAlgorithm() {
		return this.signatureAlgorithm;
	}

	public boolean isGeneratable() {
		return this.generatable;
	}

	/** The key types offered in the create form and the API. */
	public static KeyType[] generatable() {
		return Arrays.stream(values()).filter(KeyType::isGeneratable).toArray(KeyType[]::new);
	}

	/**
	 * The generatable key type named as the API and the forms name it ({@code EC_P256},
	 * ...); {@link #EC_P256} when none is named. The one rule for key-type input, page
	 * and API alike.
	 * @throws InvalidRequestException for field {@code keyType}, naming the types on
	 * offer
	 */
	public static KeyType parseGeneratable(String name) {
		if (name == null || name.isBlank()) {
			return EC_P256;
		}
		KeyType type = Arrays.stream(values()).filter((t) -> t.name().equals(name.strip())).findFirst().orElse(null);
		if (type == null) {
			throw refused("Unknown key type '%s'".formatted(PrintableText.oneLine(name)));
		}
		return requireGeneratable(type);
	}

	/**
	 * The type itself when Keysmith generates keys of it; else the refusal
	 * {@link #parseGeneratable} gives.
	 */
	public static KeyType requireGeneratable(KeyType type) {
		if (type == null) {
			throw refused("No key type given");
		}
		if (!type.isGeneratable()) {
			throw refused("Keysmith takes %s keys on import but does not generate them".formatted(type.label()));
		}
		return type;
	}

	private static InvalidRequestException refused(String problem) {
		return new InvalidRequestException("keyType", problem + ". Choose a key type Keysmith generates: "
				+ String.join(", ", Arrays.stream(generatable()).map(KeyType::name).toList()));
	}

	/** Which key type a public key is, if Keysmith supports it. */
	public static Optional<KeyType> of(PublicKey key) {
		if (key instanceof RSAPublicKey rsa) {
			int length = rsa.getModulus().bitLength();
			return Arrays.stream(values()).filter((t) -> !t.isEc() && t.bits == length).findFirst();
		}
		if ("EC".equals(key.getAlgorithm())) {
			SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
			if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())) {
				return Optional.empty();
			}
			Object parameters = info.getAlgorithm().getParameters();
			return Arrays.stream(values()).filter((t) -> t.isEc() && t.curve.equals(parameters)).findFirst();
		}
		return Optional.empty();
	}

}

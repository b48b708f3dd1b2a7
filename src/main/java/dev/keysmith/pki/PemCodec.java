package dev.keysmith.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * PEM in and out. Output is byte for byte what the openssl CLI writes: 64-column Base64,
 * {@code \n} line ends, {@code EC PARAMETERS} then SEC1 {@code EC PRIVATE KEY} for EC
 * keys (as {@code openssl ecparam -genkey}), PKCS#1 {@code RSA PRIVATE KEY} for RSA keys.
 * Input is forgiving about what copy and paste does to text (CRLF, tabs, indentation,
 * trailing spaces, text around the blocks) and strict about everything else.
 */
public final class PemCodec {

	public static final String CERTIFICATE = "CERTIFICATE";

	private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

	private static final Pattern END = Pattern.compile("-----END ([A-Z0-9 ]+)-----");

	/**
	 * A BEGIN or END line's marker, wherever it stands: web forms and JSON tools join
	 * lines.
	 */
	private static final Pattern MARKER = Pattern.compile("-----(BEGIN|END) [A-Z0-9 ]+-----");

	private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

	private PemCodec() {
	}

	public static String encode(String label, byte[] content) {
		return "-----BEGIN " + label + "-----\n" + ENCODER.encodeToString(content) + "\n-----END " + label + "-----\n";
	}

	public static String certificate(X509Certificate certificate) {
		return encode(CERTIFICATE, der(certificate));
	}

	public static byte[] der(X509Certificate certificate) {
		try {
			return certificate.getEncoded();
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("Certificate cannot be encoded", ex);
		}
	}

	/**
	 * The key as {@code openssl} itself writes it: for EC an {@code EC PARAMETERS} block
	 * and a SEC1 {@code EC PRIVATE KEY} carrying the curve and the public key; for RSA
	 * PKCS#1.
	 */
	public static String privateKey(IssuedCredential credential) {
		if (credential.keyType().isEc()) {
			byte[] parameters = encoded(credential.keyType().curve());
			return encode("EC PARAMETERS", parameters) + encode("EC PRIVATE KEY", sec1(credential, true));
		}
		PrivateKeyInfo info = PrivateKeyInfo.getInstance(credential.privateKey().getEncoded());
		return encode("RSA PRIVATE KEY", encoded(parse(info)));
	}

	/**
	 * PKCS#8 {@code PRIVATE KEY}, as {@code openssl pkey} writes it. For EC the inner
	 * SEC1 structure keeps the public key (JDK encodings drop it), as openssl's does.
	 */
	public static String pkcs8PrivateKey(IssuedCredential credential) {
		if (credential.keyType().isEc()) {
			AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
					credential.keyType().curve());
			PrivateKeyInfo info = newPrivateKeyInfo(algorithm, credential);
			return encode("PRIVATE KEY", encoded(info));
		}
		return encode("PRIVATE KEY", credential.privateKey().getEncoded());
	}

	private static PrivateKeyInfo newPrivateKeyInfo(AlgorithmIdentifier algorithm, IssuedCredential credential) {
		try {
			return new PrivateKeyInfo(algorithm,
					org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(sec1(credential, false)));
		}
		catch (IOException ex) {
			throw new IllegalStateException("EC key cannot be encoded", ex);
		}
	}

	private static byte[] sec1(IssuedCredential credential, boolean withCurve) {
		KeyType type = credential.keyType();
		ECPrivateKey key = (ECPrivateKey) credential.privateKey();
		ASN1BitString publicKey = SubjectPublicKeyInfo.getInstance(credential.certificate().getPublicKey().getEncoded())
			.getPublicKeyData();
		var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(type.bits(), key.getS(), publicKey,
				withCurve ? new X962Parameters(type.curve()) : null);
		return encoded(sec1);
	}

	private static org.bouncycastle.asn1.ASN1Encodable parse(PrivateKeyInfo info) {
		try {
			return info.parsePrivateKey();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Private key cannot be encoded", ex);
		}
	}

	static byte[] encoded(org.bouncycastle.asn1.ASN1Encodable object) {
		try {
			return object.toASN1Primitive().getEncoded("DER");
		}
		catch (IOException ex) {
			throw new IllegalStateException("DER encoding failed", ex);
		}
	}

	/**
	 * Reads every PEM block in the text. Line ends, tabs and spaces are normalised, and a
	 * block pasted on one line (spaces where the line breaks were, or none) is read as if
	 * it had its lines; text outside the blocks is ignored. A block without its END line,
	 * with a mismatched END line or with damaged Base64 is an error that says which block
	 * and what is wrong.
	 */
	public static List<PemBlock> decode(String text) {
		String[] lines = MARKER.matcher(text.replace("\r\n", "\n").replace('\r', '\n'))
			.replaceAll("\n$0\n")
			.split("\n");
		List<PemBlock> blocks = new ArrayList<>();
		String label = null;
		Map<String, String> headers = new LinkedHashMap<>();
		StringBuilder base64 = new StringBuilder();
		for (String raw : lines) {
			String line = raw.strip();
			Matcher begin = BEGIN.matcher(line);
			Matcher end = END.matcher(line);
			if (label == null) {
				if (begin.find()) {
					label = begin.group(1);
					headers = new LinkedHashMap<>();
					base64.setLength(0);
				}
				else if (end.find()) {
					throw new PkiException("Found '-----END " + end.group(1)
							+ "-----' without its BEGIN line: the text is cut off at the start");
				}
			}
			else if (end.find()) {
				if (!end.group(1).equals(label)) {
					throw new PkiException("The " + label + " block ends with '-----END " + end.group(1)
							+ "-----': two blocks are mixed up or the text is damaged");
				}
				blocks.add(new PemBlock(label, Map.copyOf(headers), base64Decode(label, base64)));
				label = null;
			}
			else if (begin.find()) {
				throw new PkiException("The " + label + " block has no END line before the next BEGIN line");
			}
			else if (line.contains(":") && base64.isEmpty()) {
				int colon = line.indexOf(':');
				headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
			}
			else {
				base64.append(line.replaceAll("\\s+", ""));
			}
		}
		if (label != null) {
			throw new PkiException(
					"The " + label + " block has no '-----END " + label + "-----' line: the text is cut off");
		}
		return blocks;
	}

	private static byte[] base64Decode(String label, CharSequence base64) {
		if (base64.isEmpty()) {
			throw new PkiException("The " + label + " block is empty");
		}
		try {
			return Base64.getDecoder().decode(base64.toString());
		}
		catch (IllegalArgumentException ex) {
			throw new PkiException("The " + label + " block is not valid Base64 (" + ex.getMessage()
					+ "): the text was damaged in copying");
		}
	}

}

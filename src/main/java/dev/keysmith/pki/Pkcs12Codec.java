package dev.keysmith.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Optional;

/**
 * PKCS#12 files. The JDK writes PBES2 with AES-256-CBC and an HMAC-SHA-256 MAC, which
 * OpenSSL 1.1 and 3 read.
 */
public final class Pkcs12Codec {

	public static final int MIN_PASSWORD_LENGTH = 8;

	private Pkcs12Codec() {
	}

	/**
	 * Why this password cannot protect a PKCS#12 file, or empty when it can: at least
	 * {@value #MIN_PASSWORD_LENGTH} characters, all printable ASCII. The JDK refuses to
	 * derive a PKCS#12 key from any other character, so Keysmith cannot write a file
	 * openssl would open with such a password.
	 */
	public static Optional<String> passwordProblem(String password) {
		if (password.length() < MIN_PASSWORD_LENGTH) {
			return Optional.of("The PKCS#12 password must have at least " + MIN_PASSWORD_LENGTH + " characters");
		}
		for (int i = 0; i < password.length(); i++) {
			char c = password.charAt(i);
			if (c < 0x20 || c > 0x7E) {
				return Optional.of(("The PKCS#12 password must be printable ASCII (letters, digits, punctuation, "
						+ "spaces): character %d is U+%04X, which Java's PKCS#12 writer cannot take")
					.formatted(i + 1, (int) c));
			}
		}
		return Optional.empty();
	}

	public static byte[] encode(IssuedCredential credential, String alias, char[] password) {
		passwordProblem(new String(password)).ifPresent((problem) -> {
			throw new PkiException(problem);
		});
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry(alias, credential.privateKey(), password, new Certificate[] { credential.certificate() });
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			store.store(out, password);
			return out.toByteArray();
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("PKCS#12 encoding failed", ex);
		}
	}

}

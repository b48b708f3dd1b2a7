package dev.keysmith.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;

/**
 * PKCS#12 files. The JDK writes PBES2 with AES-256-CBC and an HMAC-SHA-256 MAC, which
 * OpenSSL 1.1 and 3 read.
 */
public final class Pkcs12Codec {

	public static final int MIN_PASSWORD_LENGTH = 8;

	private Pkcs12Codec() {
	}

	public static byte[] encode(IssuedCredential credential, String alias, char[] password) {
		if (password.length < MIN_PASSWORD_LENGTH) {
			throw new PkiException("The PKCS#12 password must have at least " + MIN_PASSWORD_LENGTH + " characters");
		}
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry(alias, credential.privateKey(), password,
					new Certificate[] { credential.certificate() });
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			store.store(out, password);
			return out.toByteArray();
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("PKCS#12 encoding failed", ex);
		}
	}

}

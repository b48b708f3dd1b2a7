package dev.keysmith.vault;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM under the master key. Each sealed value
 * carries a format byte and a fresh 96-bit nonce, and is bound to its context (associated
 * data), so a ciphertext copied onto another record does not open. Each record also notes
 * the id of the key that sealed it, so a wrong master key is caught at start-up, not at
 * first use. It also authenticates data that leaves Keysmith (a backup) with an HMAC
 * under a key derived from the master key for that purpose alone, so that only the holder
 * of the master key can make or check it.
 */
public final class KeyVault {

	private static final byte FORMAT = 1;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final String keyId;

	private final SecureRandom random = new SecureRandom();

	public KeyVault(byte[] masterKey) {
		if (masterKey.length != 32) {
			throw new VaultException("The master key must be 32 bytes (AES-256), not " + masterKey.length);
		}
		this.key = new SecretKeySpec(masterKey, "AES");
		this.keyId = keyId(masterKey);
	}

	/**
	 * A short, non-secret id of a master key: the first 8 bytes of its SHA-256, in hex.
	 */
	public static String keyId(byte[] masterKey) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(masterKey);
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String keyId() {
		return this.keyId;
	}

	/**
	 * The longest plaintext, in bytes, whose sealed form (Base64) has at most this many
	 * characters.
	 */
	public static int maxPlaintextBytes(int sealedCharacters) {
		return sealedCharacters / 4 * 3 - 1 - NONCE_BYTES - TAG_BITS / 8;
	}

	public Sealed seal(byte[] plaintext, String context) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] ciphertext = cipher.doFinal(plaintext);
			ByteBuffer out = ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length);
			out.put(FORMAT).put(nonce).put(ciphertext);
			return new Sealed(this.keyId, Base64.getEncoder().encodeToString(out.array()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is unavailable", ex);
		}
	}

	public byte[] open(Sealed sealed, String context) {
		if (!this.keyId.equals(sealed.keyId())) {
			throw new VaultException("This secret was sealed with master key " + sealed.keyId()
					+ ", not with the configured key " + this.keyId);
		}
		byte[] data;
		try {
			data = Base64.getDecoder().decode(sealed.ciphertext());
		}
		catch (IllegalArgumentException ex) {
			throw new VaultException("A sealed secret is damaged (not Base64)");
		}
		if (data.length < 1 + NONCE_BYTES + TAG_BITS / 8 || data[0] != FORMAT) {
			throw new VaultException("A sealed secret is damaged (unknown format)");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key,
					new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(data, 1, 1 + NONCE_BYTES)));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(data, 1 + NONCE_BYTES, data.length - 1 - NONCE_BYTES);
		}
		catch (AEADBadTagException ex) {
			throw new VaultException(
					"A sealed secret failed its integrity check: it was altered, or belongs to " + "another record");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is unavailable", ex);
		}
	}

	/**
	 * An HMAC-SHA256, ready to take data, under a key derived from the master key for
	 * {@code purpose} alone (HKDF-Expand of RFC 5869; the master key is uniformly random
	 * already, so it needs no extraction step). Data authenticated for one purpose proves
	 * nothing for another.
	 */
	public Mac authenticator(String purpose) {
		byte[] info = ("keysmith " + purpose).getBytes(StandardCharsets.UTF_8);
		byte[] block = Arrays.copyOf(info, info.length + 1);
		block[info.length] = 1;
		return hmac(hmac(this.key.getEncoded()).doFinal(block));
	}

	private static Mac hmac(byte[] key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is unavailable", ex);
		}
	}

	/**
	 * A sealed secret as stored: the id of the key that sealed it and the Base64
	 * ciphertext.
	 */
	public record Sealed(String keyId, String ciphertext) {
	}

}

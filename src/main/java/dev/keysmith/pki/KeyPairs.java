package dev.keysmith.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

import dev.keysmith.crypto.CryptoProvider;

/**
 * Key pair generation with the provider Keysmith does its public-key work with
 * ({@link CryptoProvider}): the keys are plain JCA keys whichever it is, and stored keys
 * are read back with the JDK. A native provider draws on its own random generator and
 * ignores the one given here.
 */
public final class KeyPairs {

	/**
	 * The provider to use, or {@code null} for the one chosen at start-up, looked up at
	 * each use.
	 */
	private final CryptoProvider provider;

	private final SecureRandom random;

	public KeyPairs(CryptoProvider provider, SecureRandom random) {
		this.provider = provider;
		this.random = random;
	}

	/**
	 * With the provider chosen at start-up ({@link CryptoProvider#inUse()}), whenever
	 * this was made.
	 */
	public KeyPairs(SecureRandom random) {
		this(null, random);
	}

	CryptoProvider provider() {
		return (this.provider != null) ? this.provider : CryptoProvider.inUse();
	}

	public KeyPair generate(KeyType type) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(type.algorithm(), provider().provider());
			if (type.isEc()) {
				generator.initialize(new ECGenParameterSpec(type.curve().getId()), this.random);
			}
			else {
				generator.initialize(new RSAKeyGenParameterSpec(type.bits(), RSAKeyGenParameterSpec.F4), this.random);
			}
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(provider().label() + " cannot generate " + type.label() + " keys", ex);
		}
	}

}

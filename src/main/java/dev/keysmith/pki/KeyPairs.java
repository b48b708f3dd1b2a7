package dev.keysmith.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * Key pair generation: EC keys with Bouncy Castle (see {@link Providers}), RSA keys with the
 * JDK. The keys are plain JCA keys either way; stored keys are read back with the JDK.
 */
public final class KeyPairs {

	private final SecureRandom random;

	public KeyPairs(SecureRandom random) {
		this.random = random;
	}

	public KeyPair generate(KeyType type) {
		try {
			KeyPairGenerator generator = type.isEc()
					? KeyPairGenerator.getInstance(type.algorithm(), Providers.BOUNCY_CASTLE)
					: KeyPairGenerator.getInstance(type.algorithm());
			if (type.isEc()) {
				generator.initialize(new ECGenParameterSpec(type.curve().getId()), this.random);
			}
			else {
				generator.initialize(new RSAKeyGenParameterSpec(type.bits(), RSAKeyGenParameterSpec.F4), this.random);
			}
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("This JDK cannot generate " + type.label() + " keys", ex);
		}
	}

}

package dev.keysmith.crypto;

import java.security.Provider;
import java.security.Security;
import java.util.Locale;
import java.util.Set;

/**
 * Lends a native provider's elliptic-curve work (key pairs, ECDH, ECDSA) to libraries
 * that take their crypto from the JVM-wide provider list and cannot be given a provider,
 * as Scandium (the DTLS stack) does. Only those services are lent, through a provider of
 * Keysmith's own ahead of the JDK's: ciphers, MACs, digests, key derivation and random
 * numbers stay with the JDK; whatever asks the JVM list for EC key pairs, ECDH or ECDSA
 * (the JDK's own TLS client included) gets the lender's. (ACCP installed whole breaks
 * Scandium: its handshake destroys key material ACCP still holds, "secret destroyed".)
 */
public final class LentEcProvider extends Provider {

	static final String NAME = "KeysmithLentEc";

	/**
	 * Type.ALGORITHM, upper case: what a DTLS handshake with an EC device key spends its
	 * time on.
	 */
	private static final Set<String> LENT = Set.of("KEYPAIRGENERATOR.EC", "KEYAGREEMENT.ECDH",
			"SIGNATURE.SHA256WITHECDSA", "SIGNATURE.SHA384WITHECDSA", "SIGNATURE.SHA512WITHECDSA");

	private final Provider lender;

	private LentEcProvider(Provider lender) {
		super(NAME, "1.0",
				"Elliptic-curve services of " + lender.getName() + " for libraries that cannot be given one");
		this.lender = lender;
	}

	@Override
	public Service getService(String type, String algorithm) {
		if (!LENT.contains((type + "." + algorithm).toUpperCase(Locale.ROOT))) {
			return null;
		}
		return this.lender.getService(type, algorithm);
	}

	@Override
	public Set<Service> getServices() {
		return Set.of();
	}

	/**
	 * Puts {@code provider}'s elliptic-curve services ahead of the JDK's; again with
	 * another replaces the first.
	 */
	public static synchronized void lend(Provider provider) {
		Security.removeProvider(NAME);
		Security.insertProviderAt(new LentEcProvider(provider), 1);
	}

	/** Gives the JDK its elliptic-curve work back. */
	public static synchronized void recall() {
		Security.removeProvider(NAME);
	}

	/** Whether a lender's services are in the JVM-wide list now. */
	public static boolean isLent() {
		return Security.getProvider(NAME) != null;
	}

}

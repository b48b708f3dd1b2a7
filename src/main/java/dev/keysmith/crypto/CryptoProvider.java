package dev.keysmith.crypto;

import java.lang.reflect.Method;
import java.security.Provider;
import java.util.Locale;
import java.util.Optional;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A provider Keysmith can do its key generation and signing with. Each is a
 * {@link Provider} instance used by name in the calls that need it
 * ({@code KeyPairGenerator.getInstance(algorithm, provider)}), never registered with
 * {@code Security}: the keys and signatures are plain JCA values either way, written to
 * files by the same code.
 */
public enum CryptoProvider {

	/**
	 * The Amazon Corretto Crypto Provider: AWS-LC (BoringSSL's descendant) through JNI.
	 * Present on Linux x86_64 and aarch64 (the build adds the matching native jar);
	 * usable only when its library loads and passes its self-tests.
	 */
	ACCP("Amazon Corretto Crypto Provider (AWS-LC)") {

		@Override
		Loaded load() {
			try {
				Class<?> type = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
				Provider provider = (Provider) type.getField("INSTANCE").get(null);
				Method loadingError = type.getMethod("getLoadingError");
				Throwable error = (Throwable) loadingError.invoke(provider);
				if (error != null) {
					return Loaded.failed("its native library did not load: " + error.getMessage());
				}
				type.getMethod("assertHealthy").invoke(provider);
				return Loaded.ok(provider);
			}
			catch (ClassNotFoundException ex) {
				return Loaded.failed("it is not built for this platform (" + System.getProperty("os.name") + " "
						+ System.getProperty("os.arch") + ")");
			}
			catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				return Loaded.failed("it failed its self-test: " + cause);
			}
		}

	},

	/**
	 * Bouncy Castle in pure Java: everywhere, about a fifth of ACCP's speed at P-256 keys
	 * and signatures.
	 */
	BC("Bouncy Castle") {

		@Override
		Loaded load() {
			return Loaded.ok(new BouncyCastleProvider());
		}

	};

	private static volatile CryptoProvider inUse;

	private final String label;

	private volatile Loaded loaded;

	CryptoProvider(String label) {
		this.label = label;
	}

	abstract Loaded load();

	private Loaded loaded() {
		Loaded result = this.loaded;
		if (result == null) {
			synchronized (this) {
				result = this.loaded;
				if (result == null) {
					result = load();
					this.loaded = result;
				}
			}
		}
		return result;
	}

	public String label() {
		return this.label;
	}

	/** Whether it can be used here; {@link #unavailableBecause()} says why not. */
	public boolean isAvailable() {
		return loaded().provider() != null;
	}

	public Optional<String> unavailableBecause() {
		return Optional.ofNullable(loaded().problem());
	}

	/** The provider to name in JCA calls. */
	public Provider provider() {
		Loaded result = loaded();
		if (result.provider() == null) {
			throw new IllegalStateException(this.label + " cannot be used: " + result.problem());
		}
		return result.provider();
	}

	/** Name and version, as the log and the health details show them. */
	public String describe() {
		Provider provider = provider();
		return this.label + " " + provider.getVersionStr();
	}

	/**
	 * The provider a setting asks for: {@code auto} (ACCP where it is available, Bouncy
	 * Castle otherwise), {@code accp} or {@code bc}. An explicit choice that cannot be
	 * used is refused, not silently replaced.
	 */
	public static CryptoProvider choose(String setting) {
		String value = (setting != null) ? setting.trim().toLowerCase(Locale.ROOT) : "auto";
		return switch (value) {
			case "", "auto" -> ACCP.isAvailable() ? ACCP : BC;
			case "accp", "bc" -> {
				CryptoProvider chosen = valueOf(value.toUpperCase(Locale.ROOT));
				if (!chosen.isAvailable()) {
					throw new IllegalArgumentException(
							"keysmith.crypto.provider=" + value + " asks for " + chosen.label + ", but "
									+ chosen.unavailableBecause().orElse("it is not available") + ". Use auto or bc.");
				}
				yield chosen;
			}
			default -> throw new IllegalArgumentException(
					"keysmith.crypto.provider must be auto, accp or bc, not '" + setting + "'");
		};
	}

	/**
	 * The provider chosen at start-up ({@link #use}); {@code auto}'s choice until then.
	 */
	public static CryptoProvider inUse() {
		CryptoProvider current = inUse;
		if (current == null) {
			current = choose("auto");
			inUse = current;
		}
		return current;
	}

	/** Sets the provider {@link #inUse()} answers, once at start-up. */
	public static void use(CryptoProvider provider) {
		provider.provider(); // refuses one that cannot be used
		inUse = provider;
	}

	record Loaded(Provider provider, String problem) {

		static Loaded ok(Provider provider) {
			return new Loaded(provider, null);
		}

		static Loaded failed(String problem) {
			return new Loaded(null, problem);
		}

	}

}

package dev.keysmith.crypto;

import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CryptoProviderTests {

	/**
	 * The build adds ACCP's native jar on Linux x86_64 and aarch64: there it must load,
	 * not fall back quietly.
	 */
	@Test
	void accpWhenOnLinuxThenItsNativeLibraryLoadsAndPassesItsSelfTest() {
		assertThat(System.getProperty("os.name")).isEqualTo("Linux");
		assertThat(CryptoProvider.ACCP.unavailableBecause()).isEmpty();
		assertThat(CryptoProvider.ACCP.isAvailable()).isTrue();
		assertThat(CryptoProvider.ACCP.describe()).startsWith("Amazon Corretto Crypto Provider (AWS-LC) 2.");
	}

	@Test
	void chooseWhenAutoThenTheNativeProviderWhereItLoads() {
		assertThat(CryptoProvider.choose("auto")).isEqualTo(CryptoProvider.ACCP);
		assertThat(CryptoProvider.choose(null)).isEqualTo(CryptoProvider.ACCP);
		assertThat(CryptoProvider.choose(" AUTO ")).isEqualTo(CryptoProvider.ACCP);
	}

	@Test
	void chooseWhenNamedThenThatOne() {
		assertThat(CryptoProvider.choose("bc")).isEqualTo(CryptoProvider.BC);
		assertThat(CryptoProvider.choose("accp")).isEqualTo(CryptoProvider.ACCP);
	}

	@Test
	void chooseWhenUnknownThenRefusedNamingTheChoices() {
		assertThatIllegalArgumentException().isThrownBy(() -> CryptoProvider.choose("openssl"))
			.withMessage("keysmith.crypto.provider must be auto, accp or bc, not 'openssl'");
	}

	@Test
	void providerWhenUsedByNameThenGeneratesAndSignsWithoutBeingInstalledJvmWide() throws Exception {
		for (CryptoProvider provider : CryptoProvider.values()) {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider.provider());
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			var keys = generator.generateKeyPair();
			Signature signer = Signature.getInstance("SHA256withECDSA", provider.provider());
			signer.initSign(keys.getPrivate());
			signer.update(new byte[] { 1, 2, 3 });
			byte[] signature = signer.sign();
			// the JDK's own provider checks it: the keys and signatures are plain JCA
			// values
			Signature verifier = Signature.getInstance("SHA256withECDSA", "SunEC");
			verifier.initVerify(keys.getPublic());
			verifier.update(new byte[] { 1, 2, 3 });
			assertThat(verifier.verify(signature)).as(provider.name()).isTrue();
		}
		assertThat(java.security.Security.getProviders()).extracting(java.security.Provider::getName)
			.doesNotContain(CryptoProvider.ACCP.provider().getName(), CryptoProvider.BC.provider().getName());
	}

}

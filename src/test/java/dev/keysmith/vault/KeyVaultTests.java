package dev.keysmith.vault;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KeyVaultTests {

	private final KeyVault vault = new KeyVault(randomKey());

	@Test
	void sealWhenOpenedWithSameContextThenRoundTrips() {
		byte[] secret = "-----BEGIN EC PRIVATE KEY-----".getBytes(StandardCharsets.US_ASCII);
		KeyVault.Sealed sealed = this.vault.seal(secret, "device:1");
		assertThat(sealed.keyId()).isEqualTo(this.vault.keyId()).hasSize(16);
		assertThat(new String(Base64.getDecoder().decode(sealed.ciphertext()), StandardCharsets.ISO_8859_1))
			.doesNotContain(new String(secret, StandardCharsets.ISO_8859_1));
		assertThat(this.vault.open(sealed, "device:1")).isEqualTo(secret);
	}

	@Test
	void sealWhenSameSecretTwiceThenCiphertextsDiffer() {
		byte[] secret = { 1, 2, 3 };
		assertThat(this.vault.seal(secret, "c").ciphertext()).isNotEqualTo(this.vault.seal(secret, "c").ciphertext());
	}

	@Test
	void openWhenAnyCiphertextByteFlippedThenIntegrityFailure() {
		KeyVault.Sealed sealed = this.vault.seal(new byte[40], "ctx");
		byte[] data = Base64.getDecoder().decode(sealed.ciphertext());
		for (int i = 1; i < data.length; i++) {
			byte[] tampered = data.clone();
			tampered[i] ^= 0x01;
			KeyVault.Sealed bad = new KeyVault.Sealed(sealed.keyId(), Base64.getEncoder().encodeToString(tampered));
			assertThatExceptionOfType(VaultException.class).isThrownBy(() -> this.vault.open(bad, "ctx"))
				.withMessageContaining("integrity check");
		}
	}

	@Test
	void openWhenMovedToAnotherRecordThenIntegrityFailure() {
		KeyVault.Sealed sealed = this.vault.seal(new byte[] { 9 }, "device:A");
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> this.vault.open(sealed, "device:B"))
			.withMessageContaining("belongs to another record");
	}

	@Test
	void openWhenSealedUnderAnotherKeyThenRefused() {
		KeyVault other = new KeyVault(randomKey());
		KeyVault.Sealed sealed = other.seal(new byte[] { 9 }, "c");
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> this.vault.open(sealed, "c"))
			.withMessageContaining("sealed with master key " + other.keyId());
		KeyVault.Sealed relabelled = new KeyVault.Sealed(this.vault.keyId(), sealed.ciphertext());
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> this.vault.open(relabelled, "c"));
	}

	@Test
	void authenticatorWhenSameKeyAndPurposeThenSameTagAndOtherwiseAnother() throws Exception {
		byte[] data = "manifest".getBytes(StandardCharsets.UTF_8);
		byte[] tag = this.vault.authenticator("backup").doFinal(data);
		assertThat(tag).hasSize(32);
		assertThat(this.vault.authenticator("backup").doFinal(data)).isEqualTo(tag);
		assertThat(this.vault.authenticator("backup").doFinal("manifesT".getBytes(StandardCharsets.UTF_8)))
			.isNotEqualTo(tag);
		assertThat(this.vault.authenticator("other purpose").doFinal(data)).isNotEqualTo(tag);
		assertThat(new KeyVault(randomKey()).authenticator("backup").doFinal(data)).isNotEqualTo(tag);
		// not a plain HMAC under the master key itself: that key is used for sealing only
		byte[] key = randomKey();
		javax.crypto.Mac plain = javax.crypto.Mac.getInstance("HmacSHA256");
		plain.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
		assertThat(new KeyVault(key).authenticator("backup").doFinal(data)).isNotEqualTo(plain.doFinal(data));
	}

	@Test
	void constructWhenKeyIsNot32BytesThenRefused() {
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> new KeyVault(new byte[16]));
	}

	static byte[] randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

}

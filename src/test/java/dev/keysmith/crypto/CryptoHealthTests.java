package dev.keysmith.crypto;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class CryptoHealthTests extends KeysmithTestSupport {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of())
		.withUserConfiguration(CryptoConfiguration.class);

	@Test
	void healthWhenSignedInOperatorThenSaysWhichProviderMakesKeys() {
		assertThat(this.mvc.get().uri("/actuator/health").with(TestAccounts.everyRole("admin"))).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.components.crypto.details.provider", (v) -> v.assertThat().isEqualTo("accp"))
			.hasPathSatisfying("$.components.crypto.details.description",
					(v) -> v.assertThat().asString().startsWith("Amazon Corretto Crypto Provider (AWS-LC) 2."))
			.hasPathSatisfying("$.components.crypto.details.dtls",
					(v) -> v.assertThat().isEqualTo("Amazon Corretto Crypto Provider (AWS-LC) (elliptic-curve work)"));
	}

	@Test
	void healthWhenAnonymousThenStatusWithoutDetails() {
		assertThat(this.mvc.get().uri("/actuator/health")).hasStatusOk()
			.bodyJson()
			.doesNotHavePath("$.components")
			.extractingPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void startWhenSettingIsBcThenBouncyCastleIsTheProviderInUseAndDtlsKeepsTheJdks() {
		this.contexts.withPropertyValues("keysmith.crypto.provider=bc").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(CryptoProvider.class)).isEqualTo(CryptoProvider.BC);
			assertThat(CryptoProvider.inUse()).isEqualTo(CryptoProvider.BC);
			assertThat(LentEcProvider.isLent()).isFalse();
		});
		this.contexts.withPropertyValues("keysmith.crypto.provider=auto").run((context) -> {
			assertThat(CryptoProvider.inUse()).isEqualTo(CryptoProvider.ACCP);
			assertThat(LentEcProvider.isLent()).isTrue();
			assertThat(java.security.Signature.getInstance("SHA256withECDSA").getProvider())
				.isSameAs(CryptoProvider.ACCP.provider());
			// only the elliptic-curve work: MACs, ciphers and digests stay with the JDK
			assertThat(javax.crypto.Mac.getInstance("HmacSHA256").getProvider().getName()).isEqualTo("SunJCE");
			assertThat(java.security.MessageDigest.getInstance("SHA-256").getProvider().getName()).isEqualTo("SUN");
		});
	}

	@Test
	void startWhenSettingIsUnknownThenRefusesToStartNamingTheChoices() {
		this.contexts.withPropertyValues("keysmith.crypto.provider=fast").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("keysmith.crypto.provider must be auto, accp or bc, not 'fast'");
		});
	}

}

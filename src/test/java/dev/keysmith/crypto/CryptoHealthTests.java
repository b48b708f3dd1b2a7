package dev.keysmith.crypto;

import dev.keysmith.KeysmithTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

class CryptoHealthTests extends KeysmithTestSupport {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of())
		.withUserConfiguration(CryptoConfiguration.class);

	@Test
	void healthWhenSignedInOperatorThenSaysWhichProviderMakesKeys() {
		assertThat(this.mvc.get().uri("/actuator/health").with(user("admin").roles("ADMIN"))).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.components.crypto.details.provider", (v) -> v.assertThat().isEqualTo("accp"))
			.hasPathSatisfying("$.components.crypto.details.description",
					(v) -> v.assertThat().asString().startsWith("Amazon Corretto Crypto Provider (AWS-LC) 2."));
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
	void startWhenSettingIsBcThenBouncyCastleIsTheProviderInUse() {
		this.contexts.withPropertyValues("keysmith.crypto.provider=bc").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(CryptoProvider.class)).isEqualTo(CryptoProvider.BC);
			assertThat(CryptoProvider.inUse()).isEqualTo(CryptoProvider.BC);
		});
		CryptoProvider.use(CryptoProvider.choose("auto"));
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

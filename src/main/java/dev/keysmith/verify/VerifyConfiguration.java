package dev.keysmith.verify;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class VerifyConfiguration {

	@Bean
	ApplicationRunner closeInterruptedVerificationRuns(VerificationService verifications) {
		return (args) -> verifications.closeInterruptedRuns();
	}

}

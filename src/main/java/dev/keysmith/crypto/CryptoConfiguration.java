package dev.keysmith.crypto;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the provider once, as the application starts, says which in the log, and shows
 * it in the health details.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CryptoProperties.class)
class CryptoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);

	@Bean
	CryptoProvider cryptoProvider(CryptoProperties properties) {
		CryptoProvider chosen = CryptoProvider.choose(properties.provider());
		CryptoProvider.use(chosen);
		boolean fellBack = chosen == CryptoProvider.BC && !"bc".equalsIgnoreCase(properties.provider().trim());
		if (fellBack) {
			log.info("Keys and signatures: {} (setting {}; {} is not used: {})", chosen.describe(),
					properties.provider(), CryptoProvider.ACCP.label(), CryptoProvider.ACCP.unavailableBecause().get());
		}
		else {
			// an explicit bc does not so much as load ACCP's classes (the Docker image's
			// CDS training run relies on it)
			log.info("Keys and signatures: {} (setting {})", chosen.describe(), properties.provider());
		}
		if (chosen == CryptoProvider.ACCP && properties.dtls()) {
			LentEcProvider.lend(chosen.provider());
			log.info("DTLS handshakes: elliptic-curve work by {} (lent to Scandium through the JVM-wide providers; "
					+ "keysmith.crypto.dtls=false gives it back to the JDK)", chosen.label());
		}
		else {
			LentEcProvider.recall();
		}
		return chosen;
	}

	@Bean
	HealthIndicator cryptoHealthIndicator(CryptoProvider cryptoProvider) {
		Health health = Health.up()
			.withDetail("provider", cryptoProvider.name().toLowerCase(Locale.ROOT))
			.withDetail("description", cryptoProvider.describe())
			.withDetail("dtls",
					LentEcProvider.isLent() ? cryptoProvider.label() + " (elliptic-curve work)" : "the JDK's providers")
			.build();
		return () -> health;
	}

}

package dev.keysmith.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Makes sure the {@code admin} account exists. Its password comes from
 * {@code KEYSMITH_ADMIN_PASSWORD}; when that is unset on first start, a random one is
 * generated and printed once. Setting the variable later resets the password to it.
 */
@Component
class AdminAccountInitializer implements ApplicationRunner {

	static final String ADMIN = "admin";

	private static final Logger log = LoggerFactory.getLogger(AdminAccountInitializer.class);

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final SecurityProperties properties;

	private final Clock clock;

	AdminAccountInitializer(UserAccountRepository accounts, PasswordEncoder passwordEncoder,
			SecurityProperties properties, Clock clock) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		String configured = this.properties.adminPassword();
		boolean fromEnvironment = configured != null && !configured.isEmpty();
		var existing = this.accounts.findById(ADMIN);
		if (existing.isPresent()) {
			UserAccount admin = existing.get();
			if (fromEnvironment && !this.passwordEncoder.matches(configured, admin.getPasswordHash())) {
				admin.changePasswordHash(this.passwordEncoder.encode(configured));
				this.accounts.save(admin);
				log.info("The password of '{}' was set from KEYSMITH_ADMIN_PASSWORD", ADMIN);
			}
			return;
		}
		String password = fromEnvironment ? configured : generate();
		try {
			this.accounts
				.saveAndFlush(new UserAccount(ADMIN, this.passwordEncoder.encode(password), this.clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			return; // another instance created it at the same moment
		}
		if (fromEnvironment) {
			log.info("Created account '{}' with the password from KEYSMITH_ADMIN_PASSWORD", ADMIN);
		}
		else {
			log.warn(
					"\n\n    Created account '{}' with the generated password:  {}\n"
							+ "    It is shown only this once. Set KEYSMITH_ADMIN_PASSWORD to choose your own.\n",
					ADMIN, password);
		}
	}

	private static String generate() {
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

}

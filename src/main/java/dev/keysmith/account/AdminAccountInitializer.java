package dev.keysmith.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Makes sure the first administrator, {@code admin}, exists, holding every role, so that
 * a one-person installation works as one account. Its password comes from
 * {@code KEYSMITH_ADMIN_PASSWORD}; when that is unset on first start, a random one is
 * generated, printed once, and must be changed at the first sign-in in the browser.
 * Setting the variable later resets the password to it (and enables the account again: it
 * is the way back in for whoever runs the installation), and revokes the account's API
 * tokens, as an administrator's reset does.
 */
@Component
class AdminAccountInitializer implements ApplicationRunner {

	static final String ADMIN = "admin";

	private static final Logger log = LoggerFactory.getLogger(AdminAccountInitializer.class);

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final AccountProperties properties;

	private final ApiTokens tokens;

	private final Clock clock;

	AdminAccountInitializer(UserAccountRepository accounts, PasswordEncoder passwordEncoder,
			AccountProperties properties, ApiTokens tokens, Clock clock) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.properties = properties;
		this.tokens = tokens;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		String configured = this.properties.adminPassword();
		boolean fromEnvironment = configured != null && !configured.isEmpty();
		var existing = this.accounts.findById(ADMIN);
		if (existing.isPresent()) {
			UserAccount admin = existing.get();
			if (fromEnvironment
					&& (!admin.isEnabled() || !this.passwordEncoder.matches(configured, admin.getPasswordHash()))) {
				admin.changePasswordHash(this.passwordEncoder.encode(configured), true, this.clock.instant());
				admin.changeEnabled(true);
				this.accounts.save(admin);
				int revoked = this.tokens.revokeAll(ADMIN, "KEYSMITH_ADMIN_PASSWORD", this.clock.instant());
				log.info("The password of '{}' was set from KEYSMITH_ADMIN_PASSWORD; {} API token(s) revoked", ADMIN,
						revoked);
			}
			return;
		}
		String password = fromEnvironment ? configured : generate();
		UserAccount admin = new UserAccount(ADMIN, this.passwordEncoder.encode(password), EnumSet.allOf(Role.class),
				this.clock.instant());
		if (!fromEnvironment) {
			admin.changePasswordHash(admin.getPasswordHash(), false, this.clock.instant());
		}
		try {
			this.accounts.saveAndFlush(admin);
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
							+ "    It is shown only this once and must be changed at the first sign-in.\n",
					ADMIN, password);
		}
	}

	private static String generate() {
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

}

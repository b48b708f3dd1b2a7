package dev.keysmith.account;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import dev.keysmith.audit.AuditLog;
import dev.keysmith.vault.KeyVault;
import jakarta.servlet.Filter;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.stereotype.Service;

/**
 * The TOTP second factor of local accounts: enrolment (a new secret, switched on only
 * once a code from it is right, with ten recovery codes shown once), the check of a code
 * at sign-in (each step's code and each recovery code used once), and switching it off
 * (which takes a current code). The secret is sealed by the vault, the recovery codes
 * kept as a keyed hash; neither is ever logged or audited.
 */
@Service
public class SecondFactors {

	static final int RECOVERY_CODES = 10;

	private static final String ISSUER = "Keysmith";

	private final TotpStore store;

	private final KeyVault vault;

	private final AuditLog audit;

	private final Clock clock;

	private final TotpProperties properties;

	private final SecureRandom random = new SecureRandom();

	SecondFactors(TotpStore store, KeyVault vault, AuditLog audit, Clock clock, TotpProperties properties) {
		this.properties = properties;
		this.store = store;
		this.vault = vault;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Whether this account must enrol a second factor before it may act as a custodian
	 * ({@code keysmith.security.totp.required-for-custodians}).
	 */
	boolean requiredOf(String username) {
		return this.properties.requiredForCustodians() && !isEnabled(username);
	}

	/** Whether the account signs in with a code after its password. */
	public boolean isEnabled(String username) {
		return this.store.secret(username).isPresent();
	}

	/**
	 * The password check followed by this one: an account with the second factor on is
	 * refused with {@link SecondFactorRequiredException} instead of being signed in.
	 */
	public AuthenticationProvider afterPassword(AuthenticationProvider passwords) {
		return new SecondFactorProvider(passwords, this);
	}

	/**
	 * The filter that keeps a custodian without the second factor on the enrolment page
	 * when {@code keysmith.security.totp.required-for-custodians} is set; without the
	 * setting it lets everything through.
	 */
	public Filter custodianEnrolmentGate() {
		return this.properties.requiredForCustodians() ? new CustodianEnrolmentGate(this)
				: (request, response, chain) -> chain.doFilter(request, response);
	}

	/** What a code given at sign-in turned out to be. */
	public enum Check {

		/** The code of the authenticator, for a step not used before. */
		CODE,

		/** One of the recovery codes, now used up. */
		RECOVERY_CODE,

		/** Wrong, used already, or the account has no second factor. */
		WRONG

	}

	/** Checks a code from the authenticator or a recovery code, and uses it up. */
	public Check check(String username, String code) {
		Optional<KeyVault.Sealed> sealed = this.store.secret(username);
		if (sealed.isEmpty() || code == null) {
			return Check.WRONG;
		}
		String given = code.strip().replace(" ", "");
		if (given.matches("[0-9]{" + Totp.DIGITS + "}")) {
			OptionalLong step = Totp.matchingStep(open(username, sealed.get()), given, this.clock.instant());
			return (step.isPresent() && this.store.useStep(username, step.getAsLong())) ? Check.CODE : Check.WRONG;
		}
		if (this.store.useRecoveryCode(username, recoveryHash(username, given), this.clock.instant())) {
			this.audit.record(username, "TOTP_RECOVERY_CODE_USED", "ACCOUNT", username,
					this.store.unusedRecoveryCodes(username) + " recovery codes left");
			return Check.RECOVERY_CODE;
		}
		return Check.WRONG;
	}

	/** A new secret for an account to enrol with; nothing is stored yet. */
	Enrolment newEnrolment(String username) {
		byte[] secret = new byte[20];
		this.random.nextBytes(secret);
		String base32 = Base32.encode(secret);
		String uri = TotpQr.uri(ISSUER, username, base32);
		return new Enrolment(base32, TotpQr.svgDataUri(uri));
	}

	/**
	 * Switches the second factor on with this secret when the code is right for it;
	 * answers the recovery codes (to be shown once), or empty for a wrong code.
	 */
	Optional<List<String>> enable(String username, String base32Secret, String code) {
		byte[] secret = Base32.decode(base32Secret);
		Instant now = this.clock.instant();
		OptionalLong step = Totp.matchingStep(secret, (code != null) ? code.strip() : null, now);
		if (step.isEmpty()) {
			return Optional.empty();
		}
		List<String> codes = new ArrayList<>();
		List<String> hashes = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			String recovery = newRecoveryCode();
			codes.add(recovery);
			hashes.add(recoveryHash(username, recovery));
		}
		this.store.enable(username, this.vault.seal(secret, context(username)), step.getAsLong(), hashes, now);
		this.audit.record(username, "TOTP_ENABLED", "ACCOUNT", username,
				"Second factor switched on with " + RECOVERY_CODES + " recovery codes");
		return Optional.of(List.copyOf(codes));
	}

	/** Switches the second factor off when the code (or a recovery code) is right. */
	boolean disable(String username, String code) {
		if (check(username, code) == Check.WRONG) {
			this.audit.record(username, "TOTP_CODE_FAILED", "ACCOUNT", username,
					"A wrong code to switch the second factor off");
			return false;
		}
		this.store.disable(username);
		this.audit.record(username, "TOTP_DISABLED", "ACCOUNT", username, "Second factor switched off");
		return true;
	}

	private byte[] open(String username, KeyVault.Sealed sealed) {
		return this.vault.open(sealed, context(username));
	}

	private String newRecoveryCode() {
		byte[] bytes = new byte[7];
		this.random.nextBytes(bytes);
		String text = Base32.encode(bytes).toLowerCase(Locale.ROOT).substring(0, 10);
		return text.substring(0, 5) + "-" + text.substring(5);
	}

	private String recoveryHash(String username, String code) {
		String normal = code.toLowerCase(Locale.ROOT).replaceAll("[^a-z2-7]", "");
		byte[] mac = this.vault.authenticator("account recovery codes")
			.doFinal((username + "\n" + normal).getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(mac);
	}

	private static String context(String username) {
		return "keysmith:totp-secret:" + username;
	}

	/**
	 * A secret offered for enrolment: its Base32 text and its QR code as a {@code data:}
	 * URI.
	 */
	record Enrolment(String secret, String qrCode) {
	}

}

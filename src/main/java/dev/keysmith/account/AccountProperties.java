package dev.keysmith.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminPassword password of the first administrator, {@code admin}
 * ({@code KEYSMITH_ADMIN_PASSWORD}); when empty on first start, one is generated, printed
 * once in the log, and must be changed at the first sign-in
 * @param httpBasic whether the JSON API still accepts HTTP Basic with an account's
 * password (API tokens are the way for scripts)
 * @param keyExports what a private key export takes
 */
@ConfigurationProperties("keysmith.security")
public record AccountProperties(String adminPassword, @DefaultValue("true") boolean httpBasic,
		@DefaultValue KeyExportSettings keyExports) {

	/**
	 * @param reauthenticateWithin how recent a browser session's password (or single
	 * sign-on) must be for a key export
	 * @param perHour key exports one account may make in an hour
	 */
	public record KeyExportSettings(@DefaultValue("5m") Duration reauthenticateWithin,
			@DefaultValue("60") int perHour) {

		public KeyExportSettings {
			if (reauthenticateWithin.isNegative() || reauthenticateWithin.isZero()) {
				throw new IllegalArgumentException(
						"keysmith.security.key-exports.reauthenticate-within must be positive");
			}
			if (perHour < 1) {
				throw new IllegalArgumentException("keysmith.security.key-exports.per-hour must be at least 1");
			}
		}

	}

}

package dev.keysmith.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param loginThrottle how repeated failed sign-ins are slowed down
 */
@ConfigurationProperties("keysmith.security")
record SecurityProperties(@DefaultValue LoginThrottleSettings loginThrottle) {

	/**
	 * Failed sign-ins are counted per account and client address.
	 *
	 * @param maxFailures failures within {@code window} after which that account is
	 * refused from that address, even with the right password
	 * @param window how long a failure counts; a pair quiet for this long after its last
	 * failure or refusal is forgotten
	 * @param backOff how long the first refusal lasts; each further failure doubles it
	 * @param maxBackOff the longest refusal
	 * @param maxTracked how many account and address pairs are remembered at most
	 */
	record LoginThrottleSettings(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration window,
			@DefaultValue("30s") Duration backOff, @DefaultValue("15m") Duration maxBackOff,
			@DefaultValue("10000") int maxTracked) {

		LoginThrottleSettings {
			require(maxFailures >= 1, "max-failures must be at least 1");
			require(!window.isNegative() && !window.isZero(), "window must be positive");
			require(!backOff.isNegative() && !backOff.isZero(), "back-off must be positive");
			require(maxBackOff.compareTo(backOff) >= 0, "max-back-off must be at least back-off");
			require(maxTracked >= 1, "max-tracked must be at least 1");
		}

		private static void require(boolean condition, String message) {
			if (!condition) {
				throw new IllegalArgumentException("keysmith.security.login-throttle." + message);
			}
		}

	}

}

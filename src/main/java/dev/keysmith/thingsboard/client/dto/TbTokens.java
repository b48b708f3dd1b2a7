package dev.keysmith.thingsboard.client.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The answer of login and refresh; {@code scope} PRE_VERIFICATION_TOKEN means two-factor
 * login.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TbTokens(String token, String refreshToken, String scope) {

	public boolean isTwoFactorPending() {
		return "PRE_VERIFICATION_TOKEN".equals(this.scope) || this.refreshToken == null;
	}

}

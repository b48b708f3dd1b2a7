package dev.keysmith.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param requiredForCustodians whether an account holding the custodian role that signs
 * in with a password must switch the TOTP second factor on before it can do anything else
 */
@ConfigurationProperties("keysmith.security.totp")
record TotpProperties(boolean requiredForCustodians) {
}

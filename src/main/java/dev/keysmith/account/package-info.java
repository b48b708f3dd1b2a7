/**
 * Who may do what: the named accounts and their roles
 * ({@link dev.keysmith.account.Role}), passwords and their policy, the first
 * administrator, and what a private key export takes (the custodian role, a stated
 * reason, a recent proof of identity, a rate limit), personal API tokens
 * ({@link dev.keysmith.account.ApiTokens}: stored as SHA-256, scoped to some of the
 * account's roles, expiring), the TOTP second factor of password accounts
 * ({@link dev.keysmith.account.SecondFactors}, its secret sealed by the vault), and
 * single sign-on by OpenID Connect ({@link dev.keysmith.account.SingleSignOn}). The web
 * package's security configuration signs accounts in with it, by password, second factor,
 * single sign-on or token ({@link dev.keysmith.account.BearerAuthentication}).
 */
package dev.keysmith.account;

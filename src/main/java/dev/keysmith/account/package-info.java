/**
 * Who may do what: the named accounts and their roles
 * ({@link dev.keysmith.account.Role}), passwords and their policy, the first
 * administrator, and what a private key export takes (the custodian role, a stated
 * reason, a recent proof of identity, a rate limit), and personal API tokens
 * ({@link dev.keysmith.account.ApiTokens}: stored as SHA-256, scoped to some of the
 * account's roles, expiring). The web package's security configuration signs accounts in
 * with it, by password or by token ({@link dev.keysmith.account.BearerAuthentication}).
 */
package dev.keysmith.account;

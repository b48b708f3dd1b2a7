/**
 * Who may do what: the named accounts and their roles
 * ({@link dev.keysmith.account.Role}), passwords and their policy, the first
 * administrator, and what a private key export takes (the custodian role, a stated
 * reason, a recent proof of identity, a rate limit). The web package's security
 * configuration signs accounts in with it.
 */
package dev.keysmith.account;

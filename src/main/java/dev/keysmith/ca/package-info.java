/**
 * Device CAs: CAs Keysmith makes or is given (their keys sealed by the vault like device
 * keys), which issue device certificates instead of self-signing them; their pages and
 * API. Depends on common, pki, vault and audit; the device package uses it to issue.
 */
package dev.keysmith.ca;

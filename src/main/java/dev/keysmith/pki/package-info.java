/**
 * Keys, certificates and their files, in plain Java and Bouncy Castle: generation and signing,
 * PEM/DER/PKCS#12 read and written exactly as openssl does, the checks an imported certificate
 * and key must pass, fingerprints and ThingsBoard's credentialsId, the certificate validity rule.
 * No Spring. Depends on {@code common} only.
 */
package dev.keysmith.pki;

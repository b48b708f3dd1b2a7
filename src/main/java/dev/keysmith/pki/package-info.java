/**
 * Keys, certificates and their files, in plain Java and Bouncy Castle: generation and
 * signing, PEM/DER/PKCS#12 read and written exactly as openssl does, the checks an
 * imported certificate and key must pass, fingerprints and ThingsBoard's credentialsId,
 * the certificate validity rule. No Spring. Generates and signs with the provider
 * {@code crypto} chooses. Depends on {@code common} and {@code crypto}.
 */
package dev.keysmith.pki;

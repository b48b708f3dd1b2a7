/**
 * Pushing a device's certificate to a ThingsBoard server as its X.509 credentials, proven
 * by reading the credentialsId back; failures are typed ({@code PushFailure}) so that
 * callers count them and decide on retries. Depends on {@code device},
 * {@code thingsboard}, {@code pki}.
 */
package dev.keysmith.push;

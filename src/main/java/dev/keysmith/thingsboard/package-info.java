/**
 * The ThingsBoard servers Keysmith knows, as the operator configured them: settings, host
 * rules, the sealed password or API key, the DTLS server CA the operator confirmed, and
 * how Keysmith's DTLS client reaches and trusts each one ({@code ServerDtls}). Pages and
 * JSON API. Depends on {@code thingsboard.client}, {@code dtls}, {@code pki},
 * {@code vault}, {@code common}, and {@code audit} (creations, edits by the names of the
 * settings changed, deletions); it tells device bundles where a device connects by
 * implementing {@code device.DeviceConnectivity}.
 */
package dev.keysmith.thingsboard;

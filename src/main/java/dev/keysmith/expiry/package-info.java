/**
 * Certificate expiry at a glance: the expiry windows (expired, fewer than 7, 30 and 90
 * days left, later), the dashboard and its JSON, the scan (at start-up and daily) that
 * records which certificates entered which window, the certificate gauges among
 * Keysmith's metrics, and the optional webhook that hears of what entered a window,
 * signed with an HMAC. Depends on {@code common}, {@code device}, {@code thingsboard},
 * {@code vault}, {@code audit}, {@code work}.
 */
package dev.keysmith.expiry;

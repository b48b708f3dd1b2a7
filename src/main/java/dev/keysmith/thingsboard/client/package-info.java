/**
 * Keysmith's client of ThingsBoard's REST API (see docs/thingsboard.md): sign-in (JWT
 * with refresh, or an API key), one deadline per operation, bounded calls and a circuit
 * breaker per server, retries only where safe, and every error translated once into a
 * {@code ThingsBoardException} with its kind. Knows nothing of Keysmith's own records.
 * Depends on {@code common} only.
 */
package dev.keysmith.thingsboard.client;

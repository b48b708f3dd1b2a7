/**
 * The pre-flight check of a ThingsBoard server (REST, sign-in, profiles, the DTLS server
 * CA, a real handshake and the datagram limit), and taking the server's certificate from
 * a handshake for the operator to confirm. Depends on {@code thingsboard}, {@code dtls}.
 */
package dev.keysmith.preflight;

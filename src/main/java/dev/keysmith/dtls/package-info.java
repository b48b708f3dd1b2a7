/**
 * Keysmith's CoAP-over-DTLS client (Californium/Scandium), speaking as a device: a new
 * connector per use, bounded retransmissions, datagrams within the server's limit,
 * handshake observation, server trust (CA, pin, public roots), and what a failed
 * handshake means ({@code HandshakeFailure}). Californium is used here and in the tests'
 * double only. Depends on {@code pki} and {@code common}.
 */
package dev.keysmith.dtls;

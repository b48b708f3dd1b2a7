/**
 * Which JCA provider does Keysmith's public-key work (key generation, certificate
 * signing): the Amazon Corretto Crypto Provider (AWS-LC, native) where its library loads,
 * Bouncy Castle otherwise, or what {@code keysmith.crypto.provider} says. Chosen once at
 * start-up, logged and shown in the health details. Never installed whole as a JVM-wide
 * provider: only its elliptic-curve services are lent to the JVM-wide list
 * ({@code LentEcProvider}) for Scandium's DTLS handshakes, which take no provider of
 * their own. Depends on nothing of Keysmith's.
 */
package dev.keysmith.crypto;

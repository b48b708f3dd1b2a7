/**
 * Which JCA provider does Keysmith's public-key work (key generation, certificate
 * signing): the Amazon Corretto Crypto Provider (AWS-LC, native) where its library loads,
 * Bouncy Castle otherwise, or what {@code keysmith.crypto.provider} says. Chosen once at
 * start-up, logged and shown in the health details; never installed as a JVM-wide
 * provider, so that what TLS, Tomcat and other libraries use does not change. Depends on
 * nothing of Keysmith's.
 */
package dev.keysmith.crypto;

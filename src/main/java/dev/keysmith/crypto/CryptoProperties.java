package dev.keysmith.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which provider generates keys and signs certificates.
 *
 * @param provider {@code auto} (the Amazon Corretto Crypto Provider where its native
 * library loads, Bouncy Castle otherwise), {@code accp} or {@code bc}
 * @param dtls whether, with ACCP, the DTLS client's elliptic-curve work (ECDHE key pairs,
 * ECDH, ECDSA) is lent to Scandium through the JVM-wide provider list (the only way
 * Scandium takes a provider); off: the JDK's SunEC
 */
@ConfigurationProperties("keysmith.crypto")
public record CryptoProperties(@DefaultValue("auto") String provider, @DefaultValue("true") boolean dtls) {

}

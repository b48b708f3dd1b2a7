package dev.keysmith.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which provider generates keys and signs certificates.
 * @param provider {@code auto} (the Amazon Corretto Crypto Provider where its native library loads, Bouncy Castle
 * otherwise), {@code accp} or {@code bc}
 */
@ConfigurationProperties("keysmith.crypto")
public record CryptoProperties(@DefaultValue("auto") String provider) {

}

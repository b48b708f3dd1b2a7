package dev.keysmith.vault;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param masterKey Base64 of the 32-byte master key ({@code KEYSMITH_MASTER_KEY}); when
 * empty, the key file is used
 * @param keyFile where the master key lives when it does not come from the environment;
 * created on first start with owner-only permissions
 */
@ConfigurationProperties("keysmith.vault")
public record VaultProperties(String masterKey, Path keyFile) {

}

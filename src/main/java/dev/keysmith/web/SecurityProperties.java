package dev.keysmith.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminPassword password of the {@code admin} account ({@code KEYSMITH_ADMIN_PASSWORD});
 * when empty on first start, one is generated and printed once in the log
 */
@ConfigurationProperties("keysmith.security")
record SecurityProperties(String adminPassword) {

}

package dev.keysmith.thingsboard.client.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One latest-telemetry value: strings unless strict data types were asked for; null when
 * none.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TsValue(long ts, Object value) {

}
